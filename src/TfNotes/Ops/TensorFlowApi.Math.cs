using TorchSharp;

namespace TfNotes;

public sealed partial class TensorFlowApi
{
    /// <summary><c>tf.math.add</c>: x + y elementwise with broadcasting; same numeric dtype.</summary>
    public Tensor add(Tensor x, Tensor y) => x + y;
    /// <summary><c>tf.math.subtract</c>: x − y elementwise with broadcasting; same numeric dtype.</summary>
    public Tensor subtract(Tensor x, Tensor y) => x - y;
    /// <summary><c>tf.math.multiply</c>: x · y elementwise with broadcasting; same numeric dtype.</summary>
    public Tensor multiply(Tensor x, Tensor y) => x * y;
    /// <summary><c>tf.math.divide</c>: x / y as <c>truediv</c> (integers divide as floats: uint8 in float32, int32 and
    /// int64 in float64).</summary>
    public Tensor divide(Tensor x, Tensor y) => x / y;

    /// <summary><c>tf.linalg.matmul</c>: the matrix product a·b of the last two axes (leading axes are a batch), after
    /// transposing a or b if asked; same dtype, rank ≥ 2.</summary>
    public Tensor matmul(Tensor a, Tensor b, bool transpose_a = false, bool transpose_b = false) => Ops.MatMul(a, b, transpose_a, transpose_b);

    /// <summary><c>tf.math.square</c>: x² of each element; numbers only.</summary>
    public Tensor square(Tensor x) => Unary("Square", x, Ops.Numeric, Ops.Square);
    /// <summary><c>tf.math.sqrt</c>: √x of each element; floats only.</summary>
    public Tensor sqrt(Tensor x) => Unary("Sqrt", x, Ops.Floating, t => t.sqrt());
    /// <summary><c>tf.math.exp</c>: eˣ of each element; floats only.</summary>
    public Tensor exp(Tensor x) => Unary("Exp", x, Ops.Floating, t => t.exp());
    /// <summary><c>tf.math.log</c>: the natural logarithm of each element; floats only.</summary>
    public Tensor log(Tensor x) => Unary("Log", x, Ops.Floating, t => t.log());
    /// <summary><c>tf.math.abs</c>: |x| of each element, in the input's dtype; numbers only.</summary>
    public Tensor abs(Tensor x) => Unary("Abs", x, Ops.Numeric, t => t.abs());
    /// <summary><c>tf.math.pow</c>: x to the power y elementwise; y takes x's dtype (a double with an integer tensor is
    /// a TypeError).</summary>
    public Tensor pow(Tensor x, double y) => Ops.WithScalar(x, y, (t, exponent) => t.pow(exponent));
    /// <summary><c>tf.math.pow</c>: x to the power of the integer y elementwise; y takes x's dtype, integers stay
    /// integers.</summary>
    public Tensor pow(Tensor x, long y) => Ops.WithScalar(x, y, (t, exponent) => t.pow(exponent));
    /// <summary>x to the power y elementwise; integers stay integers (a negative integer power is TensorFlow's error).</summary>
    public Tensor pow(Tensor x, Tensor y)
    {
        Ops.Require("Pow", x, Ops.Numeric);
        return Ops.Elementwise("Pow", x, y, (a, b) =>
        {
            if (!b.is_floating_point())
            {
                using var negative = b.lt(Ops.Zero);
                using var any = negative.any();
                if (Tensor.BoolItem(any)) throw new InvalidArgumentError("Pow: Integers to negative integer powers are not allowed");
            }
            return a.pow(b);
        });
    }

    /// <summary>The larger of x and y (broadcasting); at a tie the gradient goes to x, as TensorFlow's.</summary>
    public Tensor maximum(Tensor x, Tensor y) => Ops.Maximum(x, y);
    /// <summary><c>tf.math.minimum</c>: the smaller of x and y elementwise with broadcasting; at a tie the gradient
    /// goes to x, as TensorFlow's.</summary>
    public Tensor minimum(Tensor x, Tensor y) => Ops.Minimum(x, y);

    /// <summary>An elementwise op of one tensor whose dtype must be one of <paramref name="allowed"/> (TensorFlow's kernels).</summary>
    static Tensor Unary(string op, Tensor x, DType[] allowed, Func<torch.Tensor, torch.Tensor> f)
    {
        Ops.Require(op, x, allowed);
        return Ops.Elementwise(op, x, f);
    }

    /// <summary><c>tf.math.equal</c>: x == y elementwise with broadcasting, a bool tensor; unlike the <c>==</c>
    /// operator, shapes that do not broadcast are an error.</summary>
    public Tensor equal(Tensor x, Tensor y) => Ops.Compare("Equal", x, y, (a, b) => a.eq(b), ordering: false);
    /// <summary><c>tf.cast</c>: x in <paramref name="dtype"/>; floats cast to integers truncate toward zero, as
    /// TensorFlow.</summary>
    public Tensor cast(Tensor x, DType dtype) => Ops.Cast(x, dtype);

    /// <summary><c>tf.reshape</c>: the same values in <paramref name="shape"/>; one dimension may be −1, inferred from
    /// the size.</summary>
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

    /// <summary><c>tf.concat</c>: the tensors joined along the existing <paramref name="axis"/>; other dimensions must
    /// match.</summary>
    public Tensor concat(IEnumerable<Tensor> values, int axis) => Join("ConcatV2", values, axis, (ts, d) => torch.cat(ts, d));
    /// <summary><c>tf.stack</c>: the same-shaped tensors stacked along a new <paramref name="axis"/> (default
    /// 0).</summary>
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

    /// <summary>
    /// One-hot vectors of length <paramref name="depth"/> along a new <paramref name="axis"/> (−1: last); float32 by
    /// default, as TensorFlow. An index outside [0, depth) gives an all-off vector.
    /// </summary>
    public Tensor one_hot(Tensor indices, int depth, double on_value = 1, double off_value = 0, DType? dtype = null, int axis = -1)
    {
        Ops.Require("OneHot", indices, Ops.Integer, "TI");
        if (depth <= 0) throw new ArgumentException($"one_hot: depth must be positive, got {depth}", nameof(depth));
        var type = (dtype ?? float32).ScalarType;
        torch.Tensor Hot(torch.Tensor t)
        {
            using Scalar first = 0L, end = (long)depth, step = 1L; // rooted for the native call: see Ops.WithScalar
            using var classes = torch.arange(first, end, step, torch.ScalarType.Int64);
            using var column = t.unsqueeze(-1);
            using var hot = column.eq(classes);
            if (on_value == 1 && off_value == 0) return hot.to_type(type);
            using var on = torch.tensor(on_value, type);
            using var off = torch.tensor(off_value, type);
            return torch.where(hot, on, off);
        }
        // A new last axis: each index becomes a row of its own, so map vectorization sees an elementwise op.
        if (axis == -1)
        {
            using var trace = new ElementwiseTrace.Op(indices);
            return trace.Result(Ops.Unary("OneHot", indices, Hot), indices, newAxes: 1);
        }
        int rank = indices.ndim;
        if (axis < -1 || axis > rank)
            throw new InvalidArgumentError($"OneHot: Expected axis to be -1 or between [0, {rank + 1}).  But received: {axis}");
        return Ops.Unary("OneHot", indices, t =>
        {
            using var last = Hot(t);
            return last.movedim([-1L], [(long)axis]).contiguous();
        });
    }

    /// <summary><c>tf.clip_by_value</c>: each element clipped to [clip_value_min, clip_value_max]; min greater than max
    /// is an error. The bounds take the tensor's dtype: a double bound of an integer tensor is TensorFlow's TypeError.</summary>
    public Tensor clip_by_value(Tensor t, double clip_value_min, double clip_value_max)
    {
        CheckClipBounds(t, clip_value_min, clip_value_max);
        using Scalar min = clip_value_min, max = clip_value_max;
        return Ops.Elementwise(t, x => x.clamp(min, max));
    }

    /// <summary><c>tf.clip_by_value</c> with integer bounds (Python ints): they take the tensor's dtype, integers stay integers.</summary>
    public Tensor clip_by_value(Tensor t, long clip_value_min, long clip_value_max)
    {
        CheckClipBounds(t, clip_value_min, clip_value_max);
        using Scalar min = clip_value_min, max = clip_value_max;
        return Ops.Elementwise(t, x => x.clamp(min, max));
    }

    static void CheckClipBounds(Tensor t, object min, object max)
    {
        TensorConversion.Check(min, t.dtype, "clip_value_min");
        TensorConversion.Check(max, t.dtype, "clip_value_max");
        if (Convert.ToDouble(min, System.Globalization.CultureInfo.InvariantCulture) > Convert.ToDouble(max, System.Globalization.CultureInfo.InvariantCulture))
            throw new ArgumentException($"clip_by_value: clip_value_min {min} > clip_value_max {max}");
    }

    /// <summary>The same values with no gradient flowing back through them.</summary>
    public Tensor stop_gradient(Tensor input) => Ops.Elementwise(input, t => t.detach());
}
