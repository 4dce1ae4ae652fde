using TorchSharp;

namespace TfNotes;

/// <summary>Slicing, gathering and selecting: <c>tf.slice</c>, <c>tf.strided_slice</c>, <c>tf.gather</c>, <c>tf.boolean_mask</c>, <c>tf.where</c>.</summary>
public sealed partial class TensorFlowApi
{
    /// <summary>Python's <c>None</c> in an index (<c>x[tf.newaxis, ..]</c>): a new axis of size 1.</summary>
    public TensorIndex newaxis => TensorIndex.NewAxis;

    /// <summary>Python's <c>...</c> in an index (<c>x[tf.ellipsis, 0]</c>): all the axes the index does not name.</summary>
    public TensorIndex ellipsis => TensorIndex.Ellipsis;

    /// <summary><c>size[i]</c> elements of <paramref name="input_"/> from <c>begin[i]</c> on each axis (−1: to the end).</summary>
    public Tensor slice(Tensor input_, int[] begin, int[] size) => Ops.Slice(input_, begin, size);

    /// <summary>
    /// The low-level form of <c>x[…]</c>: entry i is <c>begin[i]..end[i]</c> with <c>strides[i]</c>, read as an ellipsis,
    /// a new axis or a position when bit i of the matching mask is set, its begin/end ignored when bit i of
    /// <paramref name="begin_mask"/>/<paramref name="end_mask"/> is.
    /// </summary>
    public Tensor strided_slice(Tensor input_, int[] begin, int[] end, int[]? strides = null, int begin_mask = 0, int end_mask = 0,
        int ellipsis_mask = 0, int new_axis_mask = 0, int shrink_axis_mask = 0) =>
        Ops.StridedSlice(input_, Ops.StridedSliceSpec(begin, end, strides, begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask));

    /// <summary>
    /// Slices of <paramref name="params"/> along <paramref name="axis"/> at <paramref name="indices"/> (int32/int64, any
    /// shape): the result's shape is params.shape[:axis] + indices.shape + params.shape[axis+1:]. An index outside
    /// [0, n) is TensorFlow's CPU error.
    /// </summary>
    public Tensor gather(Tensor @params, Tensor indices, int axis = 0, int batch_dims = 0)
    {
        Ops.Require("GatherV2", indices, [int32, int64], "Tindices");
        if (batch_dims != 0) throw new NotSupportedException($"gather: batch_dims={batch_dims} is not supported by TfNotes yet (only 0)");
        var dims = @params.shape.dims;
        if (axis < -dims.Length || axis >= dims.Length)
            throw new InvalidArgumentError($"GatherV2: Expected axis in the range [{-dims.Length}, {dims.Length}), but got {axis} (params shape {@params.shape})");
        int a = axis < 0 ? axis + dims.Length : axis;
        var index = indices.Native;
        RequireInRange("GatherV2", index, dims[a]);
        var shape = dims[..a].Concat(index.shape).Concat(dims[(a + 1)..]).ToArray();
        return Ops.Guarded("GatherV2", [@params, indices], () =>
        {
            using var flat = index.reshape(-1);
            using var picked = @params.Native.index_select(a, flat);
            return picked.reshape(shape);
        });
    }

    /// <summary>TensorFlow's "indices[1,0] = 5 is not in [0, 3)" for the first index outside [0, n).</summary>
    static void RequireInRange(string op, torch.Tensor index, long n)
    {
        if (FirstOutside(index, n) is not { } at) return;
        using var value = index[at.Select(c => torch.TensorIndex.Single(c)).ToArray()];
        string position = at.Length == 0 ? "" : $"[{string.Join(",", at)}]";
        throw new InvalidArgumentError($"{op}: indices{position} = {value.to_type(torch.ScalarType.Int64).item<long>()} is not in [0, {n})");
    }

    /// <summary>The coordinates of the first element of <paramref name="values"/> outside [0, n), or null.</summary>
    static long[]? FirstOutside(torch.Tensor values, long n)
    {
        using Scalar limit = n; // rooted for the native call: see Ops.WithScalar
        using var below = values.lt(Zero);
        using var above = values.ge(limit);
        using var bad = below.logical_or(above);
        using var any = bad.any();
        if (!Tensor.BoolItem(any)) return null;
        using var positions = bad.nonzero();
        using var first = positions[0];
        return (long[])DType.Int64.Values.ToArray(first);
    }

    static readonly Scalar Zero = 0.ToScalar();

    /// <summary>
    /// The slices of <paramref name="tensor"/> where the bool <paramref name="mask"/> is true: the mask's K axes (from
    /// <paramref name="axis"/>) must match the tensor's and become one axis of the selected positions, in row-major order.
    /// </summary>
    public Tensor boolean_mask(Tensor tensor, Tensor mask, int axis = 0)
    {
        if (mask.ndim == 0) throw new ArgumentException("boolean_mask: mask cannot be scalar.", nameof(mask));
        Ops.RequireDType("boolean_mask", mask, @bool);
        var dims = tensor.shape.dims;
        int a = axis < 0 ? axis + dims.Length : axis;
        int k = mask.ndim;
        if (a < 0 || a + k > dims.Length || !dims[a..(a + k)].AsSpan().SequenceEqual(mask.shape.dims))
        {
            var part = a >= 0 && a <= dims.Length ? new Shape(dims[a..Math.Min(dims.Length, a + k)]) : tensor.shape;
            throw new ArgumentException($"boolean_mask: Shapes {part} and {mask.shape} are incompatible " +
                $"(tensor shape {tensor.shape}, mask shape {mask.shape}, axis {axis})", nameof(mask));
        }
        var merged = dims[..a].Append(-1L).Concat(dims[(a + k)..]).ToArray();
        return Ops.Guarded("boolean_mask", [tensor, mask], () =>
        {
            using var flat = tensor.Native.reshape(merged);
            using var flatMask = mask.Native.reshape(-1);
            using var found = flatMask.nonzero();
            using var positions = found.reshape(-1);
            return flat.index_select(a, positions);
        });
    }

    /// <summary>The coordinates of the true (non-zero) elements of <paramref name="condition"/>: int64, shape [n, rank].</summary>
    public Tensor where(Tensor condition) => Ops.Unary("Where", condition, t => t.nonzero());

    /// <summary>
    /// Elementwise <paramref name="x"/> where <paramref name="condition"/> is true, else <paramref name="y"/>; the three
    /// broadcast together (TensorFlow 2's where_v2). Gradients flow to x and y where each is chosen. A number for x or
    /// y (<c>tf.where(c, x, 0.0)</c>) takes the other's dtype.
    /// </summary>
    public Tensor where(Tensor condition, Tensor x, Tensor y)
    {
        Ops.RequireDType("SelectV2", condition, @bool);
        (x, y) = Ops.Promote(x, y);
        if (x.dtype != y.dtype)
            throw new InvalidArgumentError($"SelectV2: cannot compute SelectV2 as input #2(zero-based) was expected to be a {x.dtype} tensor but is a {y.dtype} tensor");
        if (!Ops.Broadcastable(condition.UntracedDims, x.UntracedDims, y.UntracedDims))
            throw new InvalidArgumentError($"SelectV2: condition {condition.shape.Brackets}, then {x.shape.Brackets}, and else {y.shape.Brackets} must be broadcastable");
        return Ops.Elementwise("SelectV2", condition, x, y, (c, a, b) => torch.where(c, a, b));
    }

    /// <summary>
    /// A copy of <paramref name="tensor"/> with the slices at <paramref name="indices"/> (shape [..., K], positions in
    /// the first K axes) replaced by <paramref name="updates"/> (shape indices.shape[:-1] + tensor.shape[K:]).
    /// </summary>
    public Tensor tensor_scatter_nd_update(Tensor tensor, Tensor indices, Tensor updates)
    {
        const string op = "TensorScatterUpdate";
        Ops.Require(op, indices, [int32, int64], "Tindices");
        var dims = tensor.shape.dims;
        var index = indices.Native;
        int k = indices.ndim == 0 ? 0 : (int)index.shape[^1];
        if (indices.ndim == 0 || k > dims.Length)
            throw new InvalidArgumentError($"{op}: indices must have rank >= 1 and indices.shape[-1] <= rank of tensor, got indices shape {indices.shape} for tensor shape {tensor.shape}");
        if (updates.dtype != tensor.dtype)
            throw new InvalidArgumentError($"{op}: cannot compute {op} as input #2(zero-based) was expected to be a {tensor.dtype} tensor but is a {updates.dtype} tensor");
        var expected = index.shape[..^1].Concat(dims[k..]).ToArray();
        if (!updates.shape.dims.AsSpan().SequenceEqual(expected))
            throw new InvalidArgumentError($"{op}: updates must have shape indices.shape[:-1] + tensor.shape[{k}:] = {new Shape(expected).Brackets}, " +
                $"got {updates.shape.Brackets} (tensor {tensor.shape.Brackets}, indices {indices.shape.Brackets})");
        var columns = new torch.Tensor[k];
        try
        {
            for (int j = 0; j < k; j++) columns[j] = index.select(-1, j).to_type(torch.ScalarType.Int64);
            RequireIndexesInto(op, index, columns, dims, tensor.shape);
            return Ops.Guarded(op, [tensor, indices, updates], () =>
            {
                var result = tensor.Native.clone();
                result.index_put_(updates.Native, columns);
                return result;
            });
        }
        finally
        {
            foreach (var column in columns) column?.Dispose();
        }
    }

    static void RequireIndexesInto(string op, torch.Tensor index, torch.Tensor[] columns, long[] dims, Shape shape)
    {
        for (int j = 0; j < columns.Length; j++)
        {
            if (FirstOutside(columns[j], dims[j]) is not { } at) continue;
            using var row = index[at.Select(c => torch.TensorIndex.Single(c)).ToArray()];
            using var values = row.to_type(torch.ScalarType.Int64);
            throw new InvalidArgumentError($"{op}: indices[{string.Join(",", at)}] = [{string.Join(", ", (long[])DType.Int64.Values.ToArray(values))}] " +
                $"does not index into shape {shape.Brackets}");
        }
    }
}
