using TorchSharp;

namespace TfNotes;

/// <summary>TensorFlow's strided slice (the op behind <c>x[…]</c>, <c>tf.strided_slice</c> and <c>tf.slice</c>).</summary>
internal static partial class Ops
{
    /// <summary>
    /// Applies an index as TensorFlow's StridedSlice does: a position removes its axis (out of range is an error), a
    /// slice keeps it with its bounds clamped to the dimension (a negative step walks backwards), <c>newaxis</c> inserts
    /// an axis of size 1 and the ellipsis stands for the axes the index does not name (also implied at the end).
    /// Gradients flow back to the sliced positions. A slice of a Variable is a copy, so it does not change when the
    /// variable is assigned later (TensorFlow's slices are values).
    /// </summary>
    internal static Tensor StridedSlice(Tensor x, IReadOnlyList<TensorIndex> spec, string op = "StridedSlice")
    {
        var dims = x.shape.dims;
        int rank = dims.Length;
        if (spec.Count(s => s.Kind == TensorIndex.Kinds.Ellipsis) > 1)
            throw new InvalidArgumentError($"{op}: Multiple ellipses in slice spec not allowed (index [{string.Join(", ", spec)}])");
        int named = spec.Count(s => s.Kind is TensorIndex.Kinds.Point or TensorIndex.Kinds.Slice);
        if (named > rank)
            throw new InvalidArgumentError($"{op}: Index out of range using input dim {rank}; input has only {rank} dims " +
                $"(input shape {x.shape}, index [{string.Join(", ", spec)}])");

        var indices = new List<torch.TensorIndex>(spec.Count);
        var flipped = new List<long>();
        int axis = 0;
        foreach (var entry in spec)
        {
            switch (entry.Kind)
            {
                case TensorIndex.Kinds.Ellipsis:
                    indices.Add(torch.TensorIndex.Ellipsis);
                    axis += rank - named;
                    break;
                case TensorIndex.Kinds.NewAxis:
                    indices.Add(torch.TensorIndex.None);
                    break;
                case TensorIndex.Kinds.Point:
                    long size = dims[axis];
                    long position = entry.Start.Forward(size);
                    if (position < 0 || position >= size)
                        throw new InvalidArgumentError($"{op}: slice index {entry.Start} of dimension {axis} out of bounds: " +
                            $"dimension {axis} has size {size} (input shape {x.shape})");
                    indices.Add(torch.TensorIndex.Single(position));
                    axis++;
                    break;
                default:
                    indices.Add(SliceOf(entry, dims[axis], axis, flipped, op));
                    axis++;
                    break;
            }
        }

        var source = x.Native;
        var result = Guarded(op, [x], () =>
        {
            using var reversed = flipped.Count > 0 ? source.flip(flipped.ToArray()) : null;
            var view = (reversed ?? source).index(indices.ToArray());
            if (x is not Variable) return view;
            using (view) return view.clone();
        });
        return result;
    }

    /// <summary>
    /// A slice's libtorch bounds, canonicalized as TensorFlow does: bounds clamped to [0, n] for a positive step and to
    /// [−1, n − 1] for a negative one, which is taken on the flipped axis (libtorch slices forward only).
    /// </summary>
    static torch.TensorIndex SliceOf(TensorIndex entry, long size, int axis, List<long> flipped, string op)
    {
        long step = entry.Step;
        if (step == 0) throw new InvalidArgumentError($"{op}: the step of dimension {axis} must be non-zero (strides[{axis}] == 0)");
        if (step > 0)
        {
            long begin = entry.Start.Given ? Math.Clamp(entry.Start.Forward(size), 0, size) : 0;
            long end = entry.Stop.Given ? Math.Clamp(entry.Stop.Forward(size), 0, size) : size;
            return torch.TensorIndex.Slice(begin, Math.Max(begin, end), step);
        }
        long first = entry.Start.Given ? Math.Clamp(entry.Start.Forward(size), -1, size - 1) : size - 1;
        long last = entry.Stop.Given ? Math.Clamp(entry.Stop.Forward(size), -1, size - 1) : -1;
        flipped.Add(axis);
        long from = size - 1 - first, to = size - 1 - last;
        return torch.TensorIndex.Slice(from, Math.Max(from, to), -step);
    }

    /// <summary>The index <c>tf.strided_slice</c>'s begin/end/strides and bit masks describe (bit i is entry i).</summary>
    internal static TensorIndex[] StridedSliceSpec(int[] begin, int[] end, int[]? strides, int beginMask, int endMask,
        int ellipsisMask, int newAxisMask, int shrinkAxisMask)
    {
        strides ??= Enumerable.Repeat(1, begin.Length).ToArray();
        if (end.Length != begin.Length || strides.Length != begin.Length)
            throw new InvalidArgumentError($"StridedSlice: Expected begin, end, and strides to be 1D equal size tensors, but got " +
                $"shapes [{begin.Length}], [{end.Length}], and [{strides.Length}] instead.");
        var spec = new TensorIndex[begin.Length];
        for (int i = 0; i < begin.Length; i++)
        {
            int bit = 1 << i;
            if ((ellipsisMask & bit) != 0) spec[i] = TensorIndex.Ellipsis;
            else if ((newAxisMask & bit) != 0) spec[i] = TensorIndex.NewAxis;
            else if ((shrinkAxisMask & bit) != 0)
            {
                if (strides[i] <= 0) throw new InvalidArgumentError($"StridedSlice: only stride 1 allowed on non-range indexing (strides[{i}] = {strides[i]})");
                spec[i] = begin[i];
            }
            else spec[i] = TensorIndex.Slice((beginMask & bit) != 0 ? null : begin[i], (endMask & bit) != 0 ? null : end[i], strides[i]);
        }
        return spec;
    }

    /// <summary><c>tf.slice</c>: <paramref name="size"/>[i] elements from <paramref name="begin"/>[i] (−1: to the end), TensorFlow's checks.</summary>
    internal static Tensor Slice(Tensor x, int[] begin, int[] size)
    {
        var dims = x.shape.dims;
        if (begin.Length != dims.Length || size.Length != dims.Length)
            throw new InvalidArgumentError($"Slice: Expected begin and size arguments to be 1-D tensors of size {dims.Length}, but got " +
                $"shapes [{begin.Length}] and [{size.Length}] instead (input shape {x.shape})");
        var spec = new TensorIndex[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            long b = begin[i], s = size[i] == -1 ? dims[i] - b : size[i];
            if (dims[i] == 0 && (b != 0 || s != 0))
                throw new InvalidArgumentError($"Slice: Expected begin[{i}] == 0 (got {b}) and size[{i}] == 0 (got {s}) when input.dim_size({i}) == 0");
            if (b < 0 || b > dims[i])
                throw new InvalidArgumentError($"Slice: Expected begin[{i}] in [0, {dims[i]}], but got {b} (input shape {x.shape})");
            if (s < 0 || b + s > dims[i])
                throw new InvalidArgumentError($"Slice: Expected size[{i}] in [0, {dims[i] - b}], but got {s} (input shape {x.shape})");
            spec[i] = TensorIndex.Slice(b, b + s);
        }
        return StridedSlice(x, spec, "Slice");
    }
}
