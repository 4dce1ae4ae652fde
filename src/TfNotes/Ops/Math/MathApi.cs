using TorchSharp;

namespace TfNotes;

/// <summary>
/// <c>tf.math</c>: every elementwise op and reduction under its TensorFlow name. Ops TensorFlow also has at top level
/// (<c>tf.sin</c>, <c>tf.reduce_sum</c>…) delegate to it; the ones only <c>tf.math</c> has are implemented here.
/// </summary>
public sealed class MathApi
{
    readonly TensorFlowApi tf;

    internal MathApi(TensorFlowApi tf) => this.tf = tf;

    public Tensor add(Tensor x, Tensor y) => tf.add(x, y);
    public Tensor subtract(Tensor x, Tensor y) => tf.subtract(x, y);
    public Tensor multiply(Tensor x, Tensor y) => tf.multiply(x, y);
    public Tensor divide(Tensor x, Tensor y) => tf.divide(x, y);
    public Tensor truediv(Tensor x, Tensor y) => tf.truediv(x, y);
    public Tensor pow(Tensor x, Tensor y) => tf.pow(x, y);
    public Tensor pow(Tensor x, double y) => tf.pow(x, y);
    public Tensor maximum(Tensor x, Tensor y) => tf.maximum(x, y);
    public Tensor minimum(Tensor x, Tensor y) => tf.minimum(x, y);

    /// <summary>floor(x / y); integers stay integers (−7 // 2 = −4), see <see cref="Ops.FloorDiv"/>. Python's <c>x // y</c>.</summary>
    public Tensor floordiv(Tensor x, Tensor y) => Ops.FloorDiv(x, y);
    /// <summary>x − floor(x / y)·y, with the sign of y; Python's <c>x % y</c> (the <c>%</c> operator).</summary>
    public Tensor floormod(Tensor x, Tensor y) => Ops.FloorMod(x, y);
    /// <summary>An alias of <see cref="floormod"/>, as <c>tf.math.mod</c>.</summary>
    public Tensor mod(Tensor x, Tensor y) => Ops.FloorMod(x, y);

    public Tensor sin(Tensor x) => tf.sin(x);
    public Tensor cos(Tensor x) => tf.cos(x);
    public Tensor tan(Tensor x) => tf.tan(x);
    public Tensor tanh(Tensor x) => tf.tanh(x);
    public Tensor sigmoid(Tensor x) => tf.sigmoid(x);
    public Tensor exp(Tensor x) => tf.exp(x);
    public Tensor log(Tensor x) => tf.log(x);
    public Tensor sqrt(Tensor x) => tf.sqrt(x);
    public Tensor square(Tensor x) => tf.square(x);
    public Tensor abs(Tensor x) => tf.abs(x);
    public Tensor sign(Tensor x) => tf.sign(x);
    public Tensor negative(Tensor x) => tf.negative(x);
    public Tensor floor(Tensor x) => tf.floor(x);
    public Tensor round(Tensor x) => tf.round(x);

    public Tensor ceil(Tensor x) => Unary("Ceil", x, t => t.ceil());
    /// <summary>log(1 + x), accurate for small x.</summary>
    public Tensor log1p(Tensor x) => Unary("Log1p", x, t => t.log1p());
    /// <summary>exp(x) − 1, accurate for small x.</summary>
    public Tensor expm1(Tensor x) => Unary("Expm1", x, t => t.expm1());
    /// <summary>1 / √x.</summary>
    public Tensor rsqrt(Tensor x) => Unary("Rsqrt", x, t => t.rsqrt());

    /// <summary>
    /// log(1 + exp(x)) with TensorFlow's cut-off: x itself above −log(ε) − 2 (13.94 in float32, 34.04 in float64; ε the
    /// dtype's machine epsilon), where libtorch's default would switch at 20 and lose float64 digits between them.
    /// </summary>
    public Tensor softplus(Tensor features)
    {
        Ops.Require("Softplus", features, Ops.Floating);
        double epsilon = features.dtype == DType.Float32 ? 1.1920928955078125e-07 : 2.220446049250313e-16;
        double threshold = -Math.Log(epsilon) - 2;
        return Ops.Elementwise("Softplus", features, t => t.softplus(1, threshold));
    }

    /// <summary>log(sigmoid(x)) = −softplus(−x), without overflow for large |x|.</summary>
    public Tensor log_sigmoid(Tensor x) => -softplus(-x);

    /// <summary>1 / x; integer tensors divide as integers (truncating), as TensorFlow's Reciprocal.</summary>
    public Tensor reciprocal(Tensor x)
    {
        Ops.Require("Reciprocal", x, Ops.Numeric);
        if (x.dtype.is_floating) return Ops.Elementwise("Reciprocal", x, t => t.reciprocal());
        return Ops.Elementwise("Reciprocal", x, t =>
        {
            Ops.RequireNoZero("Reciprocal", t);
            using var one = torch.ones_like(t);
            return one.div(t, torch.RoundingMode.trunc);
        });
    }

    public Tensor is_nan(Tensor x) => Unary("IsNan", x, t => t.isnan());
    public Tensor is_finite(Tensor x) => Unary("IsFinite", x, t => t.isfinite());
    public Tensor is_inf(Tensor x) => Unary("IsInf", x, t => t.isinf());

    static Tensor Unary(string op, Tensor x, Func<torch.Tensor, torch.Tensor> f)
    {
        Ops.Require(op, x, Ops.Floating);
        return Ops.Elementwise(op, x, f);
    }

    public Tensor equal(Tensor x, Tensor y) => tf.equal(x, y);
    public Tensor not_equal(Tensor x, Tensor y) => tf.not_equal(x, y);
    public Tensor less(Tensor x, Tensor y) => tf.less(x, y);
    public Tensor less_equal(Tensor x, Tensor y) => tf.less_equal(x, y);
    public Tensor greater(Tensor x, Tensor y) => tf.greater(x, y);
    public Tensor greater_equal(Tensor x, Tensor y) => tf.greater_equal(x, y);
    public Tensor logical_and(Tensor x, Tensor y) => tf.logical_and(x, y);
    public Tensor logical_or(Tensor x, Tensor y) => tf.logical_or(x, y);
    public Tensor logical_xor(Tensor x, Tensor y) => tf.logical_xor(x, y);
    public Tensor logical_not(Tensor x) => tf.logical_not(x);

    public Tensor reduce_sum(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_sum(input_tensor, axis, keepdims);
    public Tensor reduce_sum(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_sum(input_tensor, axis, keepdims);
    public Tensor reduce_mean(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_mean(input_tensor, axis, keepdims);
    public Tensor reduce_mean(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_mean(input_tensor, axis, keepdims);
    public Tensor reduce_max(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_max(input_tensor, axis, keepdims);
    public Tensor reduce_max(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_max(input_tensor, axis, keepdims);
    public Tensor reduce_min(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_min(input_tensor, axis, keepdims);
    public Tensor reduce_min(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_min(input_tensor, axis, keepdims);
    public Tensor reduce_prod(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_prod(input_tensor, axis, keepdims);
    public Tensor reduce_prod(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_prod(input_tensor, axis, keepdims);
    public Tensor reduce_any(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_any(input_tensor, axis, keepdims);
    public Tensor reduce_any(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_any(input_tensor, axis, keepdims);
    public Tensor reduce_all(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_all(input_tensor, axis, keepdims);
    public Tensor reduce_all(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_all(input_tensor, axis, keepdims);

    /// <summary>The biased variance mean((x − mean x)²) over <paramref name="axis"/>; floats only, as TensorFlow.</summary>
    public Tensor reduce_variance(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_variance(input_tensor, Axis(axis), keepdims);
    public Tensor reduce_variance(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Reduce("reduce_variance", RealOnly(input_tensor, "reduce_variance"), axis, Ops.Floating, (t, dims) => t.var(dims, unbiased: false, keepdim: keepdims));

    /// <summary>√(reduce_variance) over <paramref name="axis"/>; floats only.</summary>
    public Tensor reduce_std(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_std(input_tensor, Axis(axis), keepdims);
    public Tensor reduce_std(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Reduce("reduce_std", RealOnly(input_tensor, "reduce_std"), axis, Ops.Floating, (t, dims) => t.std(dims, unbiased: false, keepdim: keepdims));

    static Tensor RealOnly(Tensor x, string op) => x.dtype.is_floating ? x
        : throw new ArgumentException($"{op}: Input must be either real or complex. Received {x.dtype} type (shape {x.shape})");

    static int[]? Axis(int? axis) => axis is null ? null : [axis.Value];

    public Tensor argmax(Tensor input, int axis = 0, DType? output_type = null) => tf.argmax(input, axis, output_type);
    public Tensor argmin(Tensor input, int axis = 0, DType? output_type = null) => tf.argmin(input, axis, output_type);
}
