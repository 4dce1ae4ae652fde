using NumSharp;
using TorchSharp;

namespace TfNotes;

public partial class Tensor
{
    public static Tensor operator +(Tensor a, Tensor b) => Ops.Binary("Add", a, b, (x, y) => x.add(y));
    public static Tensor operator -(Tensor a, Tensor b) => Ops.Binary("Sub", a, b, (x, y) => x.sub(y));
    public static Tensor operator *(Tensor a, Tensor b) => Ops.Binary("Mul", a, b, (x, y) => x.mul(y));
    public static Tensor operator /(Tensor a, Tensor b) => Ops.Binary("RealDiv", a, b, (x, y) => x.div(y));
    public static Tensor operator -(Tensor a) => Ops.Unary(a, x => x.neg());

    // A .NET number takes the tensor's dtype, as TensorFlow converts a Python number.
    public static Tensor operator +(Tensor a, double b) => Ops.Unary(a, x => x.add(b));
    public static Tensor operator +(double a, Tensor b) => Ops.Unary(b, y => y.add(a));
    public static Tensor operator -(Tensor a, double b) => Ops.Unary(a, x => x.sub(b));
    public static Tensor operator -(double a, Tensor b) => Ops.Unary(b, y => { using var negated = y.neg(); return negated.add(a); });
    public static Tensor operator *(Tensor a, double b) => Ops.Unary(a, x => x.mul(b));
    public static Tensor operator *(double a, Tensor b) => Ops.Unary(b, y => y.mul(a));
    public static Tensor operator /(Tensor a, double b) => Ops.Unary(a, x => x.div(b));
    public static Tensor operator /(double a, Tensor b) => Ops.Unary(b, y => { using var inverse = y.reciprocal(); return inverse.mul(a); });

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
