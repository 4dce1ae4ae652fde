using TorchSharp;

namespace TfNotes;

/// <summary>Reductions with TensorFlow's dtypes: the result keeps the input's dtype (libtorch sums integers as int64).</summary>
internal static partial class Ops
{
    /// <summary>
    /// Reduces <paramref name="x"/> over <paramref name="axis"/> (all axes when null). Reducing over no axis (a scalar,
    /// or an empty <paramref name="axis"/>) returns the values unchanged, as TensorFlow; libtorch would reduce them all.
    /// </summary>
    internal static Tensor Reduce(string op, Tensor x, int[]? axis, bool keepdims, DType[] allowed, Func<torch.Tensor, long[], bool, torch.Tensor> f)
    {
        Require(op, x, allowed);
        var dims = Axes(x, axis, op);
        return Unary(op, x, (dims, keepdims, f), static (t, s) => s.dims.Length == 0 ? t.clone() : s.f(t, s.dims, s.keepdims));
    }

    /// <summary>A reduction libtorch has for one axis only, over several: the reduced axes are moved last and merged.</summary>
    internal static torch.Tensor OverAxes(torch.Tensor t, long[] dims, bool keepdims, Func<torch.Tensor, torch.Tensor> reduceLast)
    {
        var shape = Tensor.Dims(t);
        var kept = Enumerable.Range(0, shape.Length).Select(d => (long)d).Where(d => !dims.Contains(d)).ToArray();
        long merged = dims.Aggregate(1L, (p, d) => p * shape[d]);
        using var moved = t.permute(kept.Concat(dims).ToArray());
        using var flat = moved.reshape(kept.Select(d => shape[d]).Append(merged).ToArray());
        var reduced = reduceLast(flat);
        if (!keepdims) return reduced;
        using (reduced) return reduced.reshape(shape.Select((size, d) => dims.Contains(d) ? 1 : size).ToArray());
    }

    /// <summary>TensorFlow's Mean: floats as libtorch's mean; integers summed in their dtype and divided truncating (C++'s /).</summary>
    internal static torch.Tensor Mean(torch.Tensor t, long[] dims, bool keepdims)
    {
        if (t.is_floating_point()) return t.mean(dims, keepdims);
        using Scalar count = dims.Aggregate(1L, (p, d) => p * t.size((int)d));
        using var total = t.sum(dims, keepdims, t.dtype);
        return total.div(count, torch.RoundingMode.trunc);
    }

    /// <summary>The index of the largest (smallest) value along one axis, in TensorFlow's <c>output_type</c> (int64 by default).</summary>
    internal static Tensor ArgExtreme(string op, Tensor input, int axis, DType? outputType, bool max)
    {
        Require(op, input, Numeric);
        var type = outputType ?? DType.Int64;
        if (type != DType.Int64 && type != DType.Int32)
            throw new ArgumentException($"{op}: output_type must be int32 or int64, got {type}", "output_type");
        long dim = Axes(input, [axis], op)[0];
        return Unary(op, input, t =>
        {
            var index = max ? t.argmax(dim) : t.argmin(dim);
            if (type == DType.Int64) return index;
            using (index) return index.to_type(type.ScalarType);
        });
    }
}
