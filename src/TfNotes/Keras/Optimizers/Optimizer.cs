using TfNotes.Keras.Optimizers.Schedules;
using TorchSharp;

namespace TfNotes.Keras.Optimizers;

/// <summary>
/// The Keras 3 optimizer loop, <c>apply(grads, trainable_variables)</c> (and <c>apply_gradients(zip(grads, vars))</c>):
/// <list type="number">
/// <item>the first call builds the optimizer for its variables: every slot (Adam's <c>momentum</c> and
/// <c>velocity</c>, …) is made then, and later calls may only pass those variables (Keras' "Unknown variable" error);</item>
/// <item>variables whose gradient is null are skipped (all null is an error);</item>
/// <item>gradients are clipped: <c>clipnorm</c> c scales each g to g·c/max(‖g‖, c); <c>global_clipnorm</c> c scales
/// all by c/max(‖(g₁, g₂, …)‖, c); <c>clipvalue</c> c clamps to [−c, c] (at most one of the three);</item>
/// <item><c>weight_decay</c> λ, Keras' decoupled rule: <c>w ← w − w·λ·lr</c>, before the update;</item>
/// <item>each subclass's rule updates the variables in place (libtorch ops under no_grad), and <see cref="iterations"/>
/// grows by one.</item>
/// </list>
/// <c>learning_rate</c> is a number or a schedule of the step (<see cref="LearningRateSchedule"/>, evaluated at
/// <see cref="iterations"/> in float64).
/// </summary>
public abstract class Optimizer
{
    readonly Dictionary<Variable, int> indexOf = new(ReferenceEqualityComparer.Instance);
    readonly List<Variable> builtFor = [];
    readonly List<Variable[]> slots = [];
    readonly HashSet<Variable> excludedFromDecay = new(ReferenceEqualityComparer.Instance);
    readonly List<string> excludedNames = [];
    readonly LearningRateSchedule? schedule;
    double constantRate;

    /// <summary>The options every Keras optimizer takes; <paramref name="defaultLearningRate"/> is the subclass's default, used when <paramref name="learning_rate"/> is null. At most one of the clip options may be set, and each must be non-negative and finite.</summary>
    protected Optimizer(LearningRate? learning_rate, double defaultLearningRate, double? weight_decay, double? clipnorm, double? clipvalue,
        double? global_clipnorm, string name)
    {
        schedule = learning_rate?.Schedule;
        if (schedule is null) this.learning_rate = learning_rate?.Value ?? defaultLearningRate;
        if (new[] { clipnorm, clipvalue, global_clipnorm }.Count(c => c is not null) > 1)
            throw new ArgumentException($"Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm={Show(clipnorm)}, " +
                $"clipvalue={Show(clipvalue)}, global_clipnorm={Show(global_clipnorm)}");
        foreach (var (value, argument) in new[] { (weight_decay, nameof(weight_decay)), (clipnorm, nameof(clipnorm)), (clipvalue, nameof(clipvalue)), (global_clipnorm, nameof(global_clipnorm)) })
            if (value is { } v && !(v >= 0 && double.IsFinite(v)))
                throw new ArgumentOutOfRangeException(argument, v, $"`{argument}` must be a non-negative number");
        this.weight_decay = weight_decay;
        this.clipnorm = clipnorm;
        this.clipvalue = clipvalue;
        this.global_clipnorm = global_clipnorm;
        this.name = name;
    }

    static string Show(double? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "None";

    /// <summary>Keras' <c>name</c>: the optimizer's name.</summary>
    public string name { get; }
    /// <summary>Keras' <c>weight_decay</c>: λ of the decoupled decay <c>w ← w − w·λ·lr</c> (null: none).</summary>
    public double? weight_decay { get; }
    /// <summary>Keras' <c>clipnorm</c>: each gradient's norm is clipped to this (null: none).</summary>
    public double? clipnorm { get; }
    /// <summary>Keras' <c>clipvalue</c>: each gradient element is clamped to [−c, c] (null: none).</summary>
    public double? clipvalue { get; }
    /// <summary>Keras' <c>global_clipnorm</c>: the norm of all the gradients together is clipped to this (null: none).</summary>
    public double? global_clipnorm { get; }

    /// <summary>
    /// The learning rate of the next step: the number, or the schedule at <see cref="iterations"/>. Settable between
    /// steps, as Keras' <c>optimizer.learning_rate = …</c> (not when it is a schedule, as Keras).
    /// </summary>
    public double learning_rate
    {
        get => schedule?.Call(iterations) ?? constantRate;
        set
        {
            if (schedule is not null)
                throw new InvalidOperationException("This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor " +
                    "argument, hence its learning rate is not settable. If you need the learning rate to be settable, you should instantiate the " +
                    "optimizer with a float `learning_rate` argument.");
            constantRate = value > 0 && double.IsFinite(value) ? value
                : throw new ArgumentOutOfRangeException(nameof(learning_rate), value, "learning_rate must be a positive finite number");
        }
    }

    /// <summary>How many times gradients were applied.</summary>
    public long iterations { get; private set; }

    /// <summary>Whether the slots exist: after <see cref="build"/> or the first update.</summary>
    public bool built { get; private set; }

    /// <summary>The names of the slots each variable gets, e.g. <c>["momentum", "velocity"]</c> for Adam.</summary>
    protected abstract IReadOnlyList<string> SlotNames { get; }

    /// <summary>
    /// Keras' <c>optimizer.variables</c>: the iteration count and (unless it is a schedule) the learning rate as
    /// scalar variables read now, then each variable's slots (named <c>{variable}_{slot}</c>, e.g. <c>kernel_momentum</c>).
    /// </summary>
    public IReadOnlyList<Variable> variables
    {
        get
        {
            var list = new List<Variable> { Binding.tf.Variable(iterations, trainable: false, name: "iteration", dtype: DType.Int64) };
            if (schedule is null) list.Add(Binding.tf.Variable(constantRate, trainable: false, name: "learning_rate", dtype: DType.Float32));
            list.AddRange(slots.SelectMany(s => s));
            return list;
        }
    }

    /// <summary>A variable to update, its gradient (of the variable's dtype) and its slots, in <see cref="SlotNames"/> order.</summary>
    protected internal readonly record struct VariableUpdate(torch.Tensor Variable, torch.Tensor Gradient, torch.Tensor[] Slots);

    /// <summary>
    /// Updates the variables of one <c>apply</c> call in place (all at once, so a rule can use a kernel that takes every
    /// variable) with the learning rate <paramref name="lr"/>; <paramref name="step"/> is <c>iterations + 1</c>.
    /// </summary>
    protected abstract void Update(IReadOnlyList<VariableUpdate> updates, long step, double lr);

    /// <summary>Makes the slots of <paramref name="var_list"/>, zeros of each variable's shape (Keras' <c>build</c>; done by the first update otherwise).</summary>
    public void build(IEnumerable<Variable> var_list)
    {
        if (built) return;
        foreach (var variable in var_list)
        {
            if (indexOf.ContainsKey(variable)) continue;
            indexOf[variable] = builtFor.Count;
            builtFor.Add(variable);
            using var zeros = Tensor.Wrap(torch.zeros_like(variable.Native));
            slots.Add(SlotNames.Select(slot => Variable.Create(zeros, trainable: false, $"{variable.name}_{slot}", null)).ToArray());
        }
        built = true;
    }

    /// <summary>
    /// Keras' <c>exclude_from_weight_decay</c>: no decay for these variables, nor for those whose name contains one of
    /// <paramref name="var_names"/> (e.g. <c>["bias"]</c>). Only before the optimizer is built.
    /// </summary>
    public void exclude_from_weight_decay(IEnumerable<Variable>? var_list = null, IEnumerable<string>? var_names = null)
    {
        if (built) throw new InvalidOperationException("`exclude_from_weight_decay()` can only be configured before the optimizer is built.");
        foreach (var v in var_list ?? []) excludedFromDecay.Add(v);
        excludedNames.AddRange(var_names ?? []);
    }

    /// <summary>The slot <paramref name="slot_name"/> (one of <see cref="SlotNames"/>) of <paramref name="variable"/>, live.</summary>
    public Variable get_slot(Variable variable, string slot_name)
    {
        int slot = SlotNames.ToList().IndexOf(slot_name);
        if (slot < 0)
            throw new ArgumentException($"{GetType().Name} has no slot '{slot_name}' (it has: {string.Join(", ", SlotNames)})", nameof(slot_name));
        return indexOf.TryGetValue(variable, out int i) ? slots[i][slot]
            : throw new ArgumentException($"get_slot: variable '{variable.name}' is not one this optimizer was built for", nameof(variable));
    }

    /// <summary>The variables the optimizer was built for, in build order (a checkpoint's slots follow it).</summary>
    internal IReadOnlyList<Variable> BuiltFor => builtFor;

    /// <summary>The slot variables of <see cref="BuiltFor"/>[<paramref name="index"/>], in <see cref="SlotNames"/> order.</summary>
    internal IReadOnlyList<Variable> SlotsOf(int index) => slots[index];

    internal IReadOnlyList<string> SlotNamesForCheckpoint => SlotNames;

    /// <summary>Whether <c>learning_rate</c> is a schedule (then a checkpoint holds no rate: it follows from <see cref="iterations"/>).</summary>
    internal bool HasSchedule => schedule is not null;

    /// <summary>A checkpoint's iteration count and constant rate put back.</summary>
    internal void Restore(long iterations, double? rate)
    {
        this.iterations = iterations;
        if (rate is { } r && schedule is null) constantRate = r;
    }

    /// <summary>Copies of the slots of <paramref name="variable"/>, in <see cref="SlotNames"/> order (none before it is built).</summary>
    public Tensor[] get_slots(Variable variable) =>
        indexOf.TryGetValue(variable, out int i) ? slots[i].Select(s => Tensor.Wrap(s.Native.detach().clone())).ToArray() : [];

    /// <summary>Keras' <c>apply_gradients(grads_and_vars)</c>: <see cref="apply"/> with the gradients and variables of the pairs.</summary>
    public void apply_gradients(IEnumerable<(Tensor? gradient, Variable variable)> grads_and_vars)
    {
        var pairs = grads_and_vars.ToList();
        apply(pairs.Select(p => p.gradient), pairs.Select(p => p.variable));
    }

    /// <summary>
    /// Keras 3's <c>optimizer.apply(grads, trainable_variables)</c>: one gradient per variable; without variables, one
    /// per variable the optimizer was built for, in that order.
    /// </summary>
    public void apply(IEnumerable<Tensor?> grads, IEnumerable<Variable>? trainable_variables = null)
    {
        var gradients = grads.ToList();
        if (gradients.Count == 0) return; // Keras: nothing to apply is a no-op
        List<Variable> vars;
        if (trainable_variables is null)
        {
            if (!built)
                throw new InvalidOperationException("When passing `grads` without `variables`, the optimizer must already be built on a list of variables. " +
                    "Call `optimizer.build(trainable_variables)` first.");
            vars = builtFor;
        }
        else
        {
            vars = trainable_variables.ToList();
            build(vars);
            foreach (var v in vars)
                if (!indexOf.ContainsKey(v))
                    throw new ArgumentException($"Unknown variable: {Describe(v)}. This optimizer can only be called for the variables it was originally " +
                        "built with. When working with a new set of variables, you should recreate a new optimizer instance.", nameof(trainable_variables));
        }
        if (gradients.Count != vars.Count)
            throw new ArgumentException($"apply: got {gradients.Count} gradients for {vars.Count} variables; pass one gradient per variable", nameof(grads));

        var present = Enumerable.Range(0, vars.Count).Where(i => gradients[i] is not null).ToList();
        if (present.Count == 0) throw new ArgumentException("No gradients provided for any variable.", nameof(grads));
        if (present.Count < vars.Count)
            KerasWarnings.Warn($"Gradients do not exist for variables [{string.Join(", ", Enumerable.Range(0, vars.Count).Except(present).Select(i => $"'{vars[i].name}'"))}] " +
                "when minimizing the loss. If using `model.compile()`, did you forget to provide a `loss` argument?");
        foreach (int i in present)
        {
            if (gradients[i]!.shape != vars[i].shape)
                throw new ArgumentException($"apply_gradients: the gradient for variable '{vars[i].name}' has shape {gradients[i]!.shape} " +
                    $"but the variable has shape {vars[i].shape}", nameof(grads));
            if (!vars[i].trainable)
                throw new ArgumentException($"apply_gradients: variable '{vars[i].name}' is not trainable", nameof(grads));
        }

        long step = iterations + 1;
        double lr = learning_rate;
        var owned = new List<torch.Tensor>();
        try
        {
            using var noGrad = torch.no_grad();
            var natives = new torch.Tensor[present.Count];
            for (int k = 0; k < natives.Length; k++)
            {
                var (v, g) = (vars[present[k]].Native, gradients[present[k]]!.Native);
                if (g.dtype != v.dtype) owned.Add(g = g.to_type(v.dtype));
                natives[k] = g;
            }
            Clip(natives, owned);
            var updates = new VariableUpdate[present.Count];
            for (int k = 0; k < updates.Length; k++)
            {
                var variable = vars[present[k]];
                if (weight_decay is { } decay && decay != 0 && UsesWeightDecay(variable))
                {
                    using Scalar minusRate = -decay * lr; // w ← w − w·λ·lr; rooted for the native call: see Ops.WithScalar
                    variable.Native.add_(variable.Native, alpha: minusRate);
                }
                updates[k] = new(variable.Native, natives[k], Array.ConvertAll(slots[indexOf[variable]], s => s.Native));
            }
            Update(updates, step, lr);
        }
        finally
        {
            foreach (var tensor in owned) tensor.Dispose();
        }
        iterations = step;
    }

    bool UsesWeightDecay(Variable variable) =>
        !excludedFromDecay.Contains(variable) && !excludedNames.Any(n => variable.name.Contains(n, StringComparison.Ordinal));

    /// <summary>Replaces the gradients by clipped copies (added to <paramref name="owned"/>) when clipping is asked for.</summary>
    void Clip(torch.Tensor[] grads, List<torch.Tensor> owned)
    {
        if (clipnorm is { } c && c > 0)
        {
            using Scalar limit = c;
            for (int i = 0; i < grads.Length; i++)
            {
                using var norm = Norm(grads[i]);
                using var divisor = norm.clamp_min(limit);
                owned.Add(grads[i] = grads[i].mul(limit).div_(divisor));
            }
        }
        else if (global_clipnorm is { } gc && gc > 0)
        {
            var norms = grads.Select(g => Norm(g)).ToArray();
            using var stacked = torch.stack(norms);
            foreach (var n in norms) n.Dispose();
            using var squares = stacked.mul(stacked);
            using var globalNorm = squares.sum().sqrt_();
            // Keras' scale c·min(1/‖g‖, 1/c), plus ‖g‖ − ‖g‖ so that a non-finite norm makes every gradient NaN.
            using Scalar inverseLimit = 1 / gc, limit = gc;
            using var nanIfInfinite = globalNorm.sub(globalNorm);
            using var scale = globalNorm.reciprocal().clamp_max_(inverseLimit).mul_(limit).add_(nanIfInfinite, Ops.One);
            for (int i = 0; i < grads.Length; i++)
            {
                using var typed = scale.to_type(grads[i].dtype);
                owned.Add(grads[i] = grads[i].mul(typed));
            }
        }
        else if (clipvalue is { } v && v > 0)
        {
            using Scalar low = -v, high = v;
            for (int i = 0; i < grads.Length; i++) owned.Add(grads[i] = grads[i].clamp(low, high));
        }
    }

    /// <summary>‖g‖₂ as a new float32 scalar (float32 as Keras computes it, whatever g's float dtype).</summary>
    static torch.Tensor Norm(torch.Tensor g)
    {
        using var squares = Ops.Square(g);
        using var sum = squares.sum();
        return sum.to_type(torch.ScalarType.Float32).sqrt_();
    }

    static string Describe(Variable v) => $"<Variable path={v.name}, shape={v.shape}, dtype={v.dtype}>";

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

    /// <summary><c>"adam"</c>, <c>"sgd"</c>, <c>"rmsprop"</c> (any case) with Keras' defaults, so <c>compile(optimizer: "adam")</c> ports.</summary>
    public static implicit operator Optimizer(string identifier) => identifier.ToLowerInvariant() switch
    {
        "adam" => new Adam(),
        "sgd" => new SGD(),
        "rmsprop" => new RMSprop(),
        _ => throw new ArgumentException($"Could not interpret optimizer identifier: {identifier} (TfNotes knows adam, sgd, rmsprop)", nameof(identifier)),
    };
}
