namespace TfNotes;

/// <summary>
/// Native memory without user calls. A tensor belongs to the innermost <em>step</em> open on its thread when it is
/// made, and is freed when that step ends. Steps are: one pass of a <c>foreach</c> over a Dataset, one
/// <c>optimizer.minimize</c> call, and a <see cref="GradientTape"/>'s lifetime (a tape hands its tensors to the step
/// around it, so gradients outlive a nested tape). A result computed from a tensor of an outer step belongs to that
/// outer step. Tensors made outside any step (data, constants, anything in a notebook cell) are left to the garbage
/// collector, and so are variables.
/// The one rule for users: to use a tensor made inside a step after that step has ended, call
/// <see cref="Tensor.keep"/> on it (or take its value: <c>(float)loss</c>, <c>numpy()</c>).
/// </summary>
internal sealed class StepScope : IDisposable
{
    [ThreadStatic] static StepScope? innermost;

    readonly StepScope? parent;
    readonly bool handToParent;
    readonly List<Tensor> owned = [];
    internal readonly int Depth;
    bool ended;

    StepScope(StepScope? parent, bool handToParent)
    {
        this.parent = parent;
        this.handToParent = handToParent;
        Depth = parent is null ? 1 : parent.Depth + 1;
    }

    /// <summary>The innermost open step of this thread, or null outside any step.</summary>
    internal static StepScope? Current
    {
        get
        {
            var s = innermost;
            while (s is { ended: true }) s = s.parent;
            return s;
        }
    }

    /// <summary>Opens a step; <paramref name="handToParent"/> gives its tensors to the enclosing step when it ends.</summary>
    internal static StepScope Begin(bool handToParent = false)
    {
        var scope = new StepScope(Current, handToParent);
        innermost = scope;
        return scope;
    }

    internal void Own(Tensor tensor) => owned.Add(tensor);

    public void Dispose()
    {
        if (ended) return;
        // A step left open inside this one (a tape never disposed) ends with it.
        for (var s = innermost; s is not null && s != this && s.Depth > Depth; s = s.parent) s.End();
        End();
        if (innermost is not null && innermost.Depth >= Depth) innermost = parent;
    }

    void End()
    {
        if (ended) return;
        ended = true;
        var heir = handToParent && parent is { ended: false } ? parent : null;
        foreach (var tensor in owned)
        {
            if (tensor.Owner != this) continue; // kept, or already moved
            if (heir is null) tensor.Free();
            else { tensor.Owner = heir; heir.owned.Add(tensor); }
        }
        owned.Clear();
    }
}
