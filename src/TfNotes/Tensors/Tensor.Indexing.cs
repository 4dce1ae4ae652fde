namespace TfNotes;

public partial class Tensor
{
    /// <summary>
    /// Python's <c>x[…]</c> with TensorFlow's strided-slice semantics: <c>x[1]</c>, <c>x[-1]</c>, <c>x[^1]</c>,
    /// <c>x[1..3]</c>, <c>x[.., 0]</c>, <c>x[.., ..^1]</c>, <c>x[tf.newaxis, ..]</c>, <c>x[tf.ellipsis, 0]</c>; see
    /// <see cref="TensorIndex"/>. Gradients flow through. A position out of range is TensorFlow's InvalidArgumentError
    /// naming the dimension, the index and the size.
    /// </summary>
    public Tensor this[params TensorIndex[] indices] => Ops.StridedSlice(this, indices);
}
