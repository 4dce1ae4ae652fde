namespace TfNotes;

/// <summary>
/// <c>tf.reduce_*</c>: over <c>axis</c> (all axes when null); the result has the input's dtype, as TensorFlow
/// (<c>reduce_sum</c> of int32 is int32, <c>reduce_mean</c> of integers the truncated integer mean). Bool tensors
/// reduce with <c>reduce_any</c>/<c>reduce_all</c> only; sum them after <c>tf.cast(x, tf.int32)</c>, as in TensorFlow.
/// </summary>
public sealed partial class TensorFlowApi
{
    /// <summary><c>tf.math.reduce_sum</c>: the sum over <paramref name="axis"/> (all axes when null), in the input's
    /// dtype; numbers only.</summary>
    public Tensor reduce_sum(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_sum(input_tensor, Axis(axis), keepdims);
    /// <inheritdoc cref="reduce_sum(Tensor, int?, bool)"/>
    public Tensor reduce_sum(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Reduce("Sum", input_tensor, axis, keepdims, Ops.Numeric, static (t, dims, keepdims) => t.sum(dims, keepdims, t.dtype));

    /// <summary><c>tf.math.reduce_mean</c>: the mean over <paramref name="axis"/> (all axes when null), in the input's
    /// dtype (integers give the truncated integer mean).</summary>
    public Tensor reduce_mean(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_mean(input_tensor, Axis(axis), keepdims);
    /// <inheritdoc cref="reduce_mean(Tensor, int?, bool)"/>
    public Tensor reduce_mean(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Reduce("Mean", input_tensor, axis, keepdims, Ops.Numeric, static (t, dims, keepdims) => Ops.Mean(t, dims, keepdims));

    /// <summary><c>tf.math.reduce_max</c>: the largest element over <paramref name="axis"/> (all axes when null);
    /// numbers only.</summary>
    public Tensor reduce_max(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_max(input_tensor, Axis(axis), keepdims);
    /// <inheritdoc cref="reduce_max(Tensor, int?, bool)"/>
    public Tensor reduce_max(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Reduce("Max", input_tensor, axis, keepdims, Ops.Numeric, static (t, dims, keepdims) => t.amax(dims, keepdims));

    /// <summary><c>tf.math.reduce_min</c>: the smallest element over <paramref name="axis"/> (all axes when null);
    /// numbers only.</summary>
    public Tensor reduce_min(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_min(input_tensor, Axis(axis), keepdims);
    /// <inheritdoc cref="reduce_min(Tensor, int?, bool)"/>
    public Tensor reduce_min(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Reduce("Min", input_tensor, axis, keepdims, Ops.Numeric, static (t, dims, keepdims) => t.amin(dims, keepdims));

    /// <summary><c>tf.math.reduce_prod</c>: the product over <paramref name="axis"/> (all axes when null), in the
    /// input's dtype; numbers only.</summary>
    public Tensor reduce_prod(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_prod(input_tensor, Axis(axis), keepdims);
    /// <inheritdoc cref="reduce_prod(Tensor, int?, bool)"/>
    public Tensor reduce_prod(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Reduce("Prod", input_tensor, axis, keepdims, Ops.Numeric, static (t, dims, keepdims) => Ops.OverAxes(t, dims, keepdims, flat => flat.prod(-1, false, flat.dtype)));

    /// <summary>Whether any element of the bool tensor is true (over <paramref name="axis"/>).</summary>
    public Tensor reduce_any(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_any(input_tensor, Axis(axis), keepdims);
    /// <inheritdoc cref="reduce_any(Tensor, int?, bool)"/>
    public Tensor reduce_any(Tensor input_tensor, int[]? axis, bool keepdims = false)
    {
        Ops.RequireDType("Any", input_tensor, @bool);
        return Ops.Reduce("Any", input_tensor, axis, keepdims, [@bool], static (t, dims, keepdims) => Ops.OverAxes(t, dims, keepdims, flat => flat.any(-1)));
    }

    /// <summary>Whether every element of the bool tensor is true (over <paramref name="axis"/>).</summary>
    public Tensor reduce_all(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_all(input_tensor, Axis(axis), keepdims);
    /// <inheritdoc cref="reduce_all(Tensor, int?, bool)"/>
    public Tensor reduce_all(Tensor input_tensor, int[]? axis, bool keepdims = false)
    {
        Ops.RequireDType("All", input_tensor, @bool);
        return Ops.Reduce("All", input_tensor, axis, keepdims, [@bool], static (t, dims, keepdims) => Ops.OverAxes(t, dims, keepdims, flat => flat.all(-1)));
    }

    static int[]? Axis(int? axis) => axis is null ? null : [axis.Value];

    /// <summary>Index of the largest value along <paramref name="axis"/> (int64 unless <paramref name="output_type"/> is int32); ties give the first.</summary>
    public Tensor argmax(Tensor input, int axis = 0, DType? output_type = null) => Ops.ArgExtreme("ArgMax", input, axis, output_type, max: true);

    /// <summary>Index of the smallest value along <paramref name="axis"/> (int64 unless <paramref name="output_type"/> is int32); ties give the first.</summary>
    public Tensor argmin(Tensor input, int axis = 0, DType? output_type = null) => Ops.ArgExtreme("ArgMin", input, axis, output_type, max: false);
}
