using TorchSharp;

namespace TfNotes;

public sealed partial class TensorFlowApi
{
    public Tensor add(Tensor x, Tensor y) => x + y;
    public Tensor subtract(Tensor x, Tensor y) => x - y;
    public Tensor multiply(Tensor x, Tensor y) => x * y;
    public Tensor divide(Tensor x, Tensor y) => x / y;

    public Tensor matmul(Tensor a, Tensor b, bool transpose_a = false, bool transpose_b = false) => Ops.MatMul(a, b, transpose_a, transpose_b);

    public Tensor square(Tensor x) => Ops.Elementwise(x, t => t.square());
    public Tensor sqrt(Tensor x) => Ops.Elementwise(x, t => t.sqrt());
    public Tensor exp(Tensor x) => Ops.Elementwise(x, t => t.exp());
    public Tensor log(Tensor x) => Ops.Elementwise(x, t => t.log());
    public Tensor abs(Tensor x) => Ops.Elementwise(x, t => t.abs());
    public Tensor pow(Tensor x, double y) => Ops.WithScalar(x, y, (t, exponent) => t.pow(exponent));
    public Tensor pow(Tensor x, long y) => Ops.WithScalar(x, y, (t, exponent) => t.pow(exponent));
    public Tensor pow(Tensor x, Tensor y) => Ops.Elementwise("Pow", x, y, (a, b) => a.pow(b));
    public Tensor maximum(Tensor x, Tensor y) => Ops.Elementwise("Maximum", x, y, (a, b) => a.maximum(b));
    public Tensor minimum(Tensor x, Tensor y) => Ops.Elementwise("Minimum", x, y, (a, b) => a.minimum(b));

    public Tensor reduce_sum(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_sum(input_tensor, Axis(axis), keepdims);
    public Tensor reduce_sum(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Unary(input_tensor, t => t.sum(Ops.Axes(input_tensor, axis, "Sum"), keepdims));

    public Tensor reduce_mean(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_mean(input_tensor, Axis(axis), keepdims);
    public Tensor reduce_mean(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Unary(input_tensor, t => t.mean(Ops.Axes(input_tensor, axis, "Mean"), keepdims));

    public Tensor reduce_max(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_max(input_tensor, Axis(axis), keepdims);
    public Tensor reduce_max(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Unary(input_tensor, t => t.amax(Ops.Axes(input_tensor, axis, "Max"), keepdims));

    static int[]? Axis(int? axis) => axis is null ? null : [axis.Value];

    /// <summary>Index of the largest value along <paramref name="axis"/> (int64, as TensorFlow's default output_type).</summary>
    public Tensor argmax(Tensor input, int axis = 0) =>
        Ops.Unary(input, t => t.argmax(Ops.Axes(input, [axis], "ArgMax")[0]));

    public Tensor equal(Tensor x, Tensor y) => Ops.Elementwise("Equal", x, y, (a, b) => a.eq(b));
    public Tensor cast(Tensor x, DType dtype) => Ops.Cast(x, dtype);

    public Tensor reshape(Tensor tensor, Shape shape) => Ops.Reshape(tensor, shape);

    /// <summary>Permutes the axes; without <paramref name="perm"/> it reverses them, as TensorFlow does.</summary>
    public Tensor transpose(Tensor a, int[]? perm = null)
    {
        int rank = a.ndim;
        perm ??= Enumerable.Range(0, rank).Reverse().ToArray();
        if (perm.Length != rank || perm.Order().Where((p, i) => p != i).Any())
            throw new InvalidArgumentError($"transpose: perm [{string.Join(",", perm)}] is not a permutation of the {rank} axes of a tensor with shape {a.shape}");
        return Ops.Unary(a, t => t.permute(perm.Select(p => (long)p).ToArray()));
    }

    public Tensor concat(IEnumerable<Tensor> values, int axis) => Join("ConcatV2", values, axis, (ts, d) => torch.cat(ts, d));
    public Tensor stack(IEnumerable<Tensor> values, int axis = 0) => Join("Pack", values, axis, (ts, d) => torch.stack(ts, d));

    static Tensor Join(string op, IEnumerable<Tensor> values, int axis, Func<torch.Tensor[], long, torch.Tensor> join)
    {
        var list = values.ToList();
        if (list.Count == 0) throw new ArgumentException($"{op}: needs at least one tensor", nameof(values));
        try
        {
            return Tensor.Wrap(join(list.Select(t => t.Native).ToArray(), axis), list);
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            throw new InvalidArgumentError($"{op}: cannot join tensors of shapes {string.Join(", ", list.Select(t => t.shape))} along axis {axis}", e);
        }
    }

    /// <summary>One-hot rows of length <paramref name="depth"/>; float32 by default, as TensorFlow.</summary>
    public Tensor one_hot(Tensor indices, int depth, double on_value = 1, double off_value = 0, DType? dtype = null)
    {
        if (depth <= 0) throw new ArgumentException($"one_hot: depth must be positive, got {depth}", nameof(depth));
        var type = (dtype ?? float32).ScalarType;
        using var trace = new ElementwiseTrace.Op(indices); // each index becomes a row of its own: vectorizes
        return trace.Result(Ops.Unary(indices, t =>
        {
            using Scalar first = 0L, end = (long)depth, step = 1L; // rooted for the native call: see Ops.WithScalar
            using var classes = torch.arange(first, end, step, torch.ScalarType.Int64);
            using var column = t.unsqueeze(-1);
            // An index outside [0, depth) matches no class: TensorFlow's all-off row.
            using var hot = column.eq(classes);
            if (on_value == 1 && off_value == 0) return hot.to_type(type);
            using var on = torch.tensor(on_value, type);
            using var off = torch.tensor(off_value, type);
            return torch.where(hot, on, off);
        }), indices, newAxes: 1);
    }

    public Tensor clip_by_value(Tensor t, double clip_value_min, double clip_value_max)
    {
        if (clip_value_min > clip_value_max)
            throw new ArgumentException($"clip_by_value: clip_value_min {clip_value_min} > clip_value_max {clip_value_max}");
        using Scalar min = clip_value_min, max = clip_value_max;
        return Ops.Elementwise(t, x => x.clamp(min, max));
    }

    /// <summary>The same values with no gradient flowing back through them.</summary>
    public Tensor stop_gradient(Tensor input) => Ops.Elementwise(input, t => t.detach());
}
