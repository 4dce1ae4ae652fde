using TorchSharp;

namespace TfNotes.Keras.Optimizers;

/// <summary>
/// The Keras 3 optimizer loop: <c>apply_gradients</c> skips variables whose gradient is null, applies each
/// subclass's update rule in place (libtorch ops under no_grad), then increments <see cref="iterations"/>.
/// Per-variable state (slots) is built lazily the first time a variable is updated.
/// </summary>
public abstract class Optimizer
{
    readonly Dictionary<Variable, torch.Tensor[]> slots = new(ReferenceEqualityComparer.Instance);

    protected Optimizer(double learningRate)
    {
        learning_rate = learningRate;
    }

    /// <summary>Settable between steps, as Keras' <c>optimizer.learning_rate = …</c>.</summary>
    public double learning_rate
    {
        get;
        set => field = value > 0 && double.IsFinite(value) ? value
            : throw new ArgumentOutOfRangeException(nameof(learning_rate), value, "learning_rate must be a positive finite number");
    }

    /// <summary>How many times gradients were applied.</summary>
    public long iterations { get; private set; }

    /// <summary>How many state tensors (slots) each variable needs, e.g. 2 for Adam's m and v.</summary>
    protected abstract int SlotCount { get; }

    /// <summary>A variable to update, its gradient (of the variable's dtype) and its slots.</summary>
    protected internal readonly record struct VariableUpdate(torch.Tensor Variable, torch.Tensor Gradient, torch.Tensor[] Slots);

    /// <summary>
    /// Updates the variables of one <c>apply_gradients</c> call in place (all at once, so a rule can use a kernel that
    /// takes every variable); <paramref name="step"/> is <c>iterations + 1</c>.
    /// </summary>
    protected abstract void Update(IReadOnlyList<VariableUpdate> updates, long step);

    public void apply_gradients(IEnumerable<(Tensor? gradient, Variable variable)> grads_and_vars)
    {
        var pairs = grads_and_vars.Where(p => p.gradient is not null).ToList();
        if (pairs.Count == 0) return; // Keras 3: nothing to apply is a no-op

        foreach (var (gradient, variable) in pairs)
        {
            if (gradient!.shape != variable.shape)
                throw new ArgumentException($"apply_gradients: the gradient for variable '{variable.name}' has shape {gradient.shape} " +
                    $"but the variable has shape {variable.shape}", nameof(grads_and_vars));
            if (!variable.trainable)
                throw new ArgumentException($"apply_gradients: variable '{variable.name}' is not trainable", nameof(grads_and_vars));
        }

        long step = iterations + 1;
        var casts = new List<torch.Tensor>();
        try
        {
            using var noGrad = torch.no_grad();
            var updates = new VariableUpdate[pairs.Count];
            for (int i = 0; i < updates.Length; i++)
            {
                var (v, g) = (pairs[i].variable.Native, pairs[i].gradient!.Native);
                if (g.dtype != v.dtype) casts.Add(g = g.to_type(v.dtype));
                updates[i] = new(v, g, SlotsFor(pairs[i].variable));
            }
            Update(updates, step);
        }
        finally
        {
            foreach (var cast in casts) cast.Dispose();
        }
        iterations = step;
    }

    /// <summary>
    /// One step of the notes' <c>optimizer.minimize(cost_fn, var_list)</c>: records <paramref name="loss"/> on a tape,
    /// takes its gradients and applies them. Everything the step makes is freed when it returns.
    /// </summary>
    public void minimize(Func<Tensor> loss, IEnumerable<Variable> var_list)
    {
        var variables = var_list.ToList();
        using var step = StepScope.Begin();
        using var tape = new GradientTape(persistent: false, watchAccessedVariables: true);
        var value = loss();
        var grads = tape.gradient(value, variables);
        apply_gradients(grads.Zip(variables));
    }

    torch.Tensor[] SlotsFor(Variable variable)
    {
        if (!slots.TryGetValue(variable, out var state))
        {
            state = new torch.Tensor[SlotCount];
            for (int i = 0; i < state.Length; i++) state[i] = torch.zeros_like(variable.Native).requires_grad_(false);
            slots[variable] = state;
        }
        return state;
    }

    /// <summary>The slots of <paramref name="variable"/> as new tensors (for inspection and tests).</summary>
    public Tensor[] get_slots(Variable variable) =>
        slots.TryGetValue(variable, out var state) ? state.Select(s => Tensor.Wrap(s.detach().clone())).ToArray() : [];
}
