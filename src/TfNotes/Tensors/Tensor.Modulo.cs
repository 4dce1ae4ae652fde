namespace TfNotes;

public partial class Tensor
{
    /// <summary>Python's <c>%</c> on tensors: TensorFlow's <c>floormod</c> (the sign of the divisor; integers stay integers).</summary>
    /// <remarks>A number on either side takes the tensor's dtype (2.5 for an int tensor is TensorFlow's TypeError).</remarks>
    public static Tensor operator %(Tensor a, Tensor b) => Ops.FloorMod(a, b);
}
