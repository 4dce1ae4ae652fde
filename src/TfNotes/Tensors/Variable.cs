using TorchSharp;

namespace TfNotes;

/// <summary>
/// A mutable tensor that training updates, as <c>tf.Variable</c>. Usable wherever a <see cref="Tensor"/> is; its
/// value is updated in place (<c>assign</c>, optimizers), so tensors computed from it keep their gradient path.
/// Variables are never freed by steps.
/// </summary>
public sealed class Variable : Tensor
{
    /// <summary><c>Variable.trainable</c>: whether <c>GradientTape</c> watches the variable and Keras trains
    /// it.</summary>
    public bool trainable { get; }

    /// <summary>The innermost recording tape that noted a read of this variable (spares it a set lookup per read).</summary>
    internal GradientTape? SeenBy;
    /// <summary><c>Variable.name</c>: the name given at creation (default <c>"Variable"</c>), printed as
    /// <c>'name:0'</c>.</summary>
    public string name { get; }

    Variable(torch.Tensor value, bool trainable, string name) : base(value, owner: null)
    {
        this.trainable = trainable;
        this.name = name;
    }

    internal static Variable Create(object initialValue, bool trainable, string? name, DType? dtype)
    {
        var initial = TensorConversion.FromObject(initialValue, dtype, null, nameof(initialValue));
        using var detached = initial.Native.detach();
        var value = detached.is_contiguous() ? detached.clone() : detached.contiguous(); // fused optimizer kernels need dense rows
        if (initialValue is not Tensor) initial.Dispose();
        bool differentiable = trainable && DType.FromTorch(value.dtype).is_floating;
        return new Variable(value.requires_grad_(differentiable), trainable, name ?? "Variable");
    }

    /// <summary><c>Variable.assign</c>: sets the value in place; the shape must match. Returns this variable.</summary>
    public Variable assign(Tensor value) => Update(value, nameof(assign), (v, x) => v.copy_(x));
    /// <summary><c>Variable.assign_add</c>: adds <paramref name="value"/> in place; the shape must match. Returns this
    /// variable.</summary>
    public Variable assign_add(Tensor value) => Update(value, nameof(assign_add), (v, x) => v.add_(x, Ops.One));
    /// <summary><c>Variable.assign_sub</c>: subtracts <paramref name="value"/> in place; the shape must match. Returns
    /// this variable.</summary>
    public Variable assign_sub(Tensor value) => Update(value, nameof(assign_sub), (v, x) => v.sub_(x));

    Variable Update(Tensor value, string op, Func<torch.Tensor, torch.Tensor, torch.Tensor> update)
    {
        var target = Native;
        var source = value.Native;
        if (!Dims(source).AsSpan().SequenceEqual(Dims(target)))
            throw new ArgumentException($"{op}: variable '{name}' has shape {shape} but the value has shape {value.shape}", nameof(value));
        if (source.dtype != target.dtype)
        {
            // TF converts the value to the variable's dtype: a number as any number, a NumPy array by casting, a tensor
            // only if it has that dtype.
            if (value.Literal is { } number) TensorConversion.Check(number, dtype, nameof(value));
            else if (!value.FromNumPy) throw new ArgumentException(
                $"{op}: Tensor conversion requested dtype {dtype} for Tensor with dtype {value.dtype}: variable '{name}' is {dtype} (cast the value with tf.cast)", nameof(value));
        }
        using (torch.no_grad()) update(target, source.dtype == target.dtype ? source : source.to_type(target.dtype));
        return this;
    }


    /// <summary>The current value as a new tensor that does not change when the variable does.</summary>
    public Tensor read_value() => Wrap(Native.detach().clone());


    /// <summary>TensorFlow's repr: <c>&lt;tf.Variable 'w:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)&gt;</c>.</summary>
    public override string ToString() => $"<tf.Variable '{name}:0' shape={shape} dtype={dtype}, numpy={TensorFormat.Repr(this)}>";
}
