using NumSharp;
using TorchSharp;

namespace TfNotes;

public partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Arithmetic("Add", a, b, (x, y) => x.add(y, Ops.One));
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Arithmetic("Sub", a, b, (x, y) => x.sub(y));
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Arithmetic("Mul", a, b, (x, y) => x.mul(y));
    /// <summary>True division (TensorFlow's <c>truediv</c>): integer tensors divide as floats, see <see cref="Ops.TrueDiv"/>.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Ops.TrueDiv(a, b);
    public static Tensor operator -(Tensor a) => Ops.Elementwise("Neg", a, x => x.neg());

    // A .NET number takes the tensor's dtype, as TensorFlow converts a Python number: an int (long) fits any dtype it is
    // in range of, a double (Python's float) only floats: int32 tensor * 2 is int32, int32 tensor * 2.5 a TypeError.
    public static Tensor operator +(Tensor a, double b) => Ops.WithScalar(a, b, Add);
    public static Tensor operator +(double a, Tensor b) => Ops.WithScalar(b, a, Add);
    public static Tensor operator -(Tensor a, double b) => Ops.WithScalar(a, b, Sub);
    public static Tensor operator -(double a, Tensor b) => Ops.WithScalar(b, a, SubtractedFrom);
    public static Tensor operator *(Tensor a, double b) => Ops.WithScalar(a, b, Mul);
    public static Tensor operator *(double a, Tensor b) => Ops.WithScalar(b, a, Mul);
    public static Tensor operator +(Tensor a, long b) => Ops.WithScalar(a, b, Add);
    public static Tensor operator +(long a, Tensor b) => Ops.WithScalar(b, a, Add);
    public static Tensor operator -(Tensor a, long b) => Ops.WithScalar(a, b, Sub);
    public static Tensor operator -(long a, Tensor b) => Ops.WithScalar(b, a, SubtractedFrom);
    public static Tensor operator *(Tensor a, long b) => Ops.WithScalar(a, b, Mul);
    public static Tensor operator *(long a, Tensor b) => Ops.WithScalar(b, a, Mul);

    // Division is true division: integers are divided as floats (int32, int64 → float64; uint8 → float32), as TF's truediv.
    public static Tensor operator /(Tensor a, double b) => Ops.WithScalar(Floats(a, b), b, Div);
    public static Tensor operator /(double a, Tensor b) => Ops.WithScalar(Floats(b, a), a, DividedInto);
    public static Tensor operator /(Tensor a, long b) => Ops.WithScalar(Floats(a, b), (double)b, Div);
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
    public static Tensor operator +(Tensor a, NDArray b) => a + Like(b, a);
    public static Tensor operator +(NDArray a, Tensor b) => Like(a, b) + b;
    public static Tensor operator -(Tensor a, NDArray b) => a - Like(b, a);
    public static Tensor operator -(NDArray a, Tensor b) => Like(a, b) - b;
    public static Tensor operator *(Tensor a, NDArray b) => a * Like(b, a);
    public static Tensor operator *(NDArray a, Tensor b) => Like(a, b) * b;
    public static Tensor operator /(Tensor a, NDArray b) => a / Like(b, a);
    public static Tensor operator /(NDArray a, Tensor b) => Like(a, b) / b;

    static Tensor Like(NDArray array, Tensor other) => TensorConversion.FromNDArray(array, other.dtype, nameof(array));
}
