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

    // A .NET number takes the tensor's dtype, as TensorFlow converts a Python number.
    public static Tensor operator +(Tensor a, double b) => Ops.WithScalar(a, b, (x, s) => x.add(s, Ops.One));
    public static Tensor operator +(double a, Tensor b) => Ops.WithScalar(b, a, (y, s) => y.add(s, Ops.One));
    public static Tensor operator -(Tensor a, double b) => Ops.WithScalar(a, b, (x, s) => x.sub(s));
    public static Tensor operator -(double a, Tensor b) => Ops.WithScalar(b, a, (y, s) => { using var negated = y.neg(); return negated.add(s, Ops.One); });
    public static Tensor operator *(Tensor a, double b) => Ops.WithScalar(a, b, (x, s) => x.mul(s));
    public static Tensor operator *(double a, Tensor b) => Ops.WithScalar(b, a, (y, s) => y.mul(s));
    public static Tensor operator /(Tensor a, double b) => Ops.WithScalar(a, b, (x, s) => x.div(s));
    public static Tensor operator /(double a, Tensor b) => Ops.WithScalar(b, a, (y, s) => { using var inverse = y.reciprocal(); return inverse.mul(s); });

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
