using NumSharp;
using TorchSharp;

namespace TfNotes;

public partial class Tensor
{
    /// <summary><c>a + b</c>: TensorFlow's <c>add</c> with broadcasting; both tensors must have the same numeric
    /// dtype.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Arithmetic("Add", a, b, (x, y) => x.add(y, Ops.One));
    /// <summary><c>a - b</c>: TensorFlow's <c>subtract</c> with broadcasting; both tensors must have the same numeric
    /// dtype.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Arithmetic("Sub", a, b, (x, y) => x.sub(y));
    /// <summary><c>a * b</c>: TensorFlow's <c>multiply</c> (elementwise) with broadcasting; both tensors must have the
    /// same numeric dtype.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Arithmetic("Mul", a, b, (x, y) => x.mul(y));
    /// <summary>True division (TensorFlow's <c>truediv</c>): integer tensors divide as floats, see <see cref="Ops.TrueDiv"/>.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Ops.TrueDiv(a, b);
    /// <summary><c>-a</c>: TensorFlow's <c>negative</c>, elementwise.</summary>
    public static Tensor operator -(Tensor a) => Ops.Elementwise("Neg", a, x => x.neg());

    // A .NET number takes the tensor's dtype, as TensorFlow converts a Python number: an int (long) fits any dtype it is
    // in range of, a double (Python's float) only floats: int32 tensor * 2 is int32, int32 tensor * 2.5 a TypeError.
    /// <summary><c>a + b</c>: TensorFlow's <c>add</c>; the number takes the tensor's dtype (a fraction with an integer
    /// tensor is a TypeError).</summary>
    public static Tensor operator +(Tensor a, double b) => Ops.WithScalar(a, b, Add);
    /// <inheritdoc cref="op_Addition(Tensor, double)"/>
    public static Tensor operator +(double a, Tensor b) => Ops.WithScalar(b, a, Add);
    /// <summary><c>a - b</c>: TensorFlow's <c>subtract</c>; the number takes the tensor's dtype (a fraction with an
    /// integer tensor is a TypeError).</summary>
    public static Tensor operator -(Tensor a, double b) => Ops.WithScalar(a, b, Sub);
    /// <inheritdoc cref="op_Subtraction(Tensor, double)"/>
    public static Tensor operator -(double a, Tensor b) => Ops.WithScalar(b, a, SubtractedFrom);
    /// <summary><c>a * b</c>: TensorFlow's <c>multiply</c>; the number takes the tensor's dtype (a fraction with an
    /// integer tensor is a TypeError).</summary>
    public static Tensor operator *(Tensor a, double b) => Ops.WithScalar(a, b, Mul);
    /// <inheritdoc cref="op_Multiply(Tensor, double)"/>
    public static Tensor operator *(double a, Tensor b) => Ops.WithScalar(b, a, Mul);
    /// <summary><c>a + b</c>: TensorFlow's <c>add</c>; the integer takes the tensor's dtype (one out of the dtype's
    /// range throws).</summary>
    public static Tensor operator +(Tensor a, long b) => Ops.WithScalar(a, b, Add);
    /// <inheritdoc cref="op_Addition(Tensor, long)"/>
    public static Tensor operator +(long a, Tensor b) => Ops.WithScalar(b, a, Add);
    /// <summary><c>a - b</c>: TensorFlow's <c>subtract</c>; the integer takes the tensor's dtype (one out of the
    /// dtype's range throws).</summary>
    public static Tensor operator -(Tensor a, long b) => Ops.WithScalar(a, b, Sub);
    /// <inheritdoc cref="op_Subtraction(Tensor, long)"/>
    public static Tensor operator -(long a, Tensor b) => Ops.WithScalar(b, a, SubtractedFrom);
    /// <summary><c>a * b</c>: TensorFlow's <c>multiply</c>; the integer takes the tensor's dtype (one out of the
    /// dtype's range throws).</summary>
    public static Tensor operator *(Tensor a, long b) => Ops.WithScalar(a, b, Mul);
    /// <inheritdoc cref="op_Multiply(Tensor, long)"/>
    public static Tensor operator *(long a, Tensor b) => Ops.WithScalar(b, a, Mul);

    // Division is true division: integers are divided as floats (int32, int64 → float64; uint8 → float32), as TF's truediv.
    /// <summary><c>a / b</c>: TensorFlow's <c>truediv</c>: an integer tensor is divided as floats (uint8 in float32,
    /// int32 and int64 in float64).</summary>
    public static Tensor operator /(Tensor a, double b) => Ops.WithScalar(Floats(a, b), b, Div);
    /// <inheritdoc cref="op_Division(Tensor, double)"/>
    public static Tensor operator /(double a, Tensor b) => Ops.WithScalar(Floats(b, a), a, DividedInto);
    /// <inheritdoc cref="op_Division(Tensor, double)"/>
    public static Tensor operator /(Tensor a, long b) => Ops.WithScalar(Floats(a, b), (double)b, Div);
    /// <inheritdoc cref="op_Division(Tensor, double)"/>
    public static Tensor operator /(long a, Tensor b) => Ops.WithScalar(Floats(b, a), (double)a, DividedInto);

    static torch.Tensor Add(torch.Tensor x, Scalar s) => x.add(s, Ops.One);
    static torch.Tensor Sub(torch.Tensor x, Scalar s) => x.sub(s);
    static torch.Tensor Mul(torch.Tensor x, Scalar s) => x.mul(s);
    static torch.Tensor Div(torch.Tensor x, Scalar s) => x.div(s);

    static torch.Tensor SubtractedFrom(torch.Tensor y, Scalar s)
    {
        using var negated = y.neg();
        return negated.add(s, Ops.One);
    }

    static torch.Tensor DividedInto(torch.Tensor y, Scalar s)
    {
        using var inverse = y.reciprocal();
        return inverse.mul(s);
    }

    /// <summary>The tensor as the float dtype TensorFlow divides its integers in, once <paramref name="number"/> is
    /// known to convert to its dtype.</summary>
    static Tensor Floats(Tensor t, object number)
    {
        var dtype = t.dtype;
        if (dtype.is_floating) return t;
        TensorConversion.Check(number, dtype, "y");
        return Ops.Cast(t, dtype.TrueDivision);
    }

    // NumSharp arrays (the notes' np.array coefficients) convert to tensors of the other operand's dtype.
    /// <summary><c>a + b</c> with a NumSharp array, which is converted to the tensor's dtype first.</summary>
    public static Tensor operator +(Tensor a, NDArray b) => a + Like(b, a);
    /// <inheritdoc cref="op_Addition(Tensor, NDArray)"/>
    public static Tensor operator +(NDArray a, Tensor b) => Like(a, b) + b;
    /// <summary><c>a - b</c> with a NumSharp array, which is converted to the tensor's dtype first.</summary>
    public static Tensor operator -(Tensor a, NDArray b) => a - Like(b, a);
    /// <inheritdoc cref="op_Subtraction(Tensor, NDArray)"/>
    public static Tensor operator -(NDArray a, Tensor b) => Like(a, b) - b;
    /// <summary><c>a * b</c> with a NumSharp array, which is converted to the tensor's dtype first.</summary>
    public static Tensor operator *(Tensor a, NDArray b) => a * Like(b, a);
    /// <inheritdoc cref="op_Multiply(Tensor, NDArray)"/>
    public static Tensor operator *(NDArray a, Tensor b) => Like(a, b) * b;
    /// <summary><c>a / b</c> (<c>truediv</c>) with a NumSharp array, which is converted to the tensor's dtype
    /// first.</summary>
    public static Tensor operator /(Tensor a, NDArray b) => a / Like(b, a);
    /// <inheritdoc cref="op_Division(Tensor, NDArray)"/>
    public static Tensor operator /(NDArray a, Tensor b) => Like(a, b) / b;

    static Tensor Like(NDArray array, Tensor other) => TensorConversion.FromNDArray(array, other.dtype, nameof(array));
}
