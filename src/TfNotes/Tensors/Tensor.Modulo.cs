namespace TfNotes;

public partial class Tensor
{
    /// <summary>Python's <c>%</c> on tensors: TensorFlow's <c>floormod</c> (the sign of the divisor; integers stay integers).</summary>
    public static Tensor operator %(Tensor a, Tensor b) => Ops.FloorMod(a, b);

    // The number takes the tensor's dtype, as TensorFlow converts a Python number (2.5 for an int tensor is a TypeError).
    public static Tensor operator %(Tensor a, double b) => Ops.FloorMod(a, Ops.ScalarLike(a, b, "FloorMod"));
    public static Tensor operator %(double a, Tensor b) => Ops.FloorMod(Ops.ScalarLike(b, a, "FloorMod"), b);
}
