namespace TfNotes;

/// <summary>
/// Native memory without user calls. A tensor belongs to the innermost <em>step</em> open on its thread when it is
/// made. Steps are: one pass of a <c>foreach</c> over a Dataset, a <see cref="GradientTape"/>'s lifetime (a tape hands
/// its tensors to the step around it, so gradients outlive a nested tape), and internal steps (one
/// <c>optimizer.minimize</c> call, a map function's call), whose tensors are freed when they end. A result computed
/// from a tensor of an outer step on the same thread belongs to that outer step. Tensors made outside any step (data,
/// constants, anything in a notebook cell) are left to the garbage collector, and so are variables.
/// <para>When a user step (a pass, a tape with no step around it) ends, its tensors are not freed at once: they wait
/// in the thread's <em>grace</em> until the next user step at the same or an outer depth ends. A tensor read during
/// that time — a loss returned from a function whose tape has ended, an accumulator, <c>ds.First()</c> — is taken out
/// of the step's hands and left to the garbage collector, as a tensor made outside any step; the others are freed.
/// So a tensor made in a step can be used after it as long as it is used again before a further step ends;
/// <see cref="Tensor.keep"/> keeps one for longer without using it.</para>
/// </summary>
internal sealed class StepScope : IDisposable
{
    internal enum Kind
    {
        /// <summary>Library code running user functions (minimize, map): its tensors are freed when it ends.</summary>
        Internal,
        /// <summary>One pass of a foreach: its tensors go to the grace when it ends.</summary>
        Pass,
        /// <summary>A tape: hands its tensors to the step around it, or to the grace when there is none.</summary>
        Tape,
        /// <summary>The thread's grace at one depth (never begun or ended as a step).</summary>
        Grace,
    }

    [ThreadStatic] static StepScope? innermost;
    [ThreadStatic] static List<StepScope>? graces;

    readonly StepScope? parent;
    readonly Kind kind;
    readonly List<Tensor> owned = [];
    internal readonly int Depth;
    internal readonly int Thread = Environment.CurrentManagedThreadId;
    bool ended;

    StepScope(StepScope? parent, Kind kind, int depth)
    {
        this.parent = parent;
        this.kind = kind;
        Depth = depth;
    }

    internal bool IsGrace => kind == Kind.Grace;

    /// <summary>A tape whose recording is over (a non-persistent tape after <c>gradient</c>) whose step ends when the
    /// next step begins, so a tape never disposed neither leaks nor nests later tapes.</summary>
    internal bool Finished { get; set; }

    /// <summary>The innermost open step of this thread that takes new tensors, or null outside any step. A finished
    /// tape takes no more: it holds what was made while it recorded.</summary>
    internal static StepScope? Current
    {
        get
        {
            var s = innermost;
            while (s is { ended: true } or { Finished: true }) s = s.parent;
            return s;
        }
    }

    /// <summary>Opens a step of <paramref name="kind"/> inside the current one.</summary>
    internal static StepScope Begin(Kind kind = Kind.Internal)
    {
        while (innermost is { ended: false, Finished: true } finished) finished.Dispose();
        var parent = Current;
        var scope = new StepScope(parent, kind, parent is null ? 1 : parent.Depth + 1);
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
        if (kind == Kind.Tape && parent is { ended: false } heir)
        {
            foreach (var tensor in owned)
                if (tensor.Owner == this) { tensor.Owner = heir; heir.owned.Add(tensor); }
        }
        else if (kind == Kind.Internal)
        {
            foreach (var tensor in owned)
                if (tensor.Owner == this) tensor.FreeFromStep();
        }
        else Retire();
        owned.Clear();
    }

    /// <summary>Frees the grace of this depth and deeper (but what was read meanwhile), then puts this step's tensors in it.</summary>
    void Retire()
    {
        var levels = graces ??= [];
        for (int d = Depth; d < levels.Count; d++) levels[d].FreeUnread();
        while (levels.Count <= Depth) levels.Add(new StepScope(null, Kind.Grace, levels.Count));
        var grace = levels[Depth];
        foreach (var tensor in owned)
        {
            if (tensor.Owner != this) continue;
            tensor.Owner = grace;
            grace.owned.Add(tensor);
        }
    }

    void FreeUnread()
    {
        foreach (var tensor in owned)
            if (tensor.Owner == this) tensor.FreeFromStep();
        owned.Clear();
    }

    /// <summary>Runs code whose tensors belong to no step (a layer's <c>build</c>, as TF's <c>init_scope</c>).</summary>
    internal static Outside NoStep() => new();

    internal readonly struct Outside : IDisposable
    {
        readonly StepScope? saved;

        public Outside()
        {
            saved = innermost;
            innermost = null;
        }

        public void Dispose() => innermost = saved;
    }
}
