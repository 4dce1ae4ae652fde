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

    /// <inheritdoc cref="TensorFlowApi.add(Tensor, Tensor)"/>
    public Tensor add(Tensor x, Tensor y) => tf.add(x, y);
    /// <inheritdoc cref="TensorFlowApi.subtract(Tensor, Tensor)"/>
    public Tensor subtract(Tensor x, Tensor y) => tf.subtract(x, y);
    /// <inheritdoc cref="TensorFlowApi.multiply(Tensor, Tensor)"/>
    public Tensor multiply(Tensor x, Tensor y) => tf.multiply(x, y);
    /// <inheritdoc cref="TensorFlowApi.divide(Tensor, Tensor)"/>
    public Tensor divide(Tensor x, Tensor y) => tf.divide(x, y);
    /// <inheritdoc cref="TensorFlowApi.truediv(Tensor, Tensor)"/>
    public Tensor truediv(Tensor x, Tensor y) => tf.truediv(x, y);
    /// <inheritdoc cref="TensorFlowApi.pow(Tensor, Tensor)"/>
    public Tensor pow(Tensor x, Tensor y) => tf.pow(x, y);
    /// <inheritdoc cref="TensorFlowApi.pow(Tensor, double)"/>
    public Tensor pow(Tensor x, double y) => tf.pow(x, y);
    /// <inheritdoc cref="TensorFlowApi.pow(Tensor, long)"/>
    public Tensor pow(Tensor x, long y) => tf.pow(x, y);
    /// <inheritdoc cref="TensorFlowApi.maximum(Tensor, Tensor)"/>
    public Tensor maximum(Tensor x, Tensor y) => tf.maximum(x, y);
    /// <inheritdoc cref="TensorFlowApi.minimum(Tensor, Tensor)"/>
    public Tensor minimum(Tensor x, Tensor y) => tf.minimum(x, y);

    /// <summary>floor(x / y); integers stay integers (−7 // 2 = −4), see <see cref="Ops.FloorDiv"/>. Python's <c>x // y</c>.</summary>
    public Tensor floordiv(Tensor x, Tensor y) => Ops.FloorDiv(x, y);
    /// <summary>x − floor(x / y)·y, with the sign of y; Python's <c>x % y</c> (the <c>%</c> operator).</summary>
    public Tensor floormod(Tensor x, Tensor y) => Ops.FloorMod(x, y);
    /// <summary>An alias of <see cref="floormod"/>, as <c>tf.math.mod</c>.</summary>
    public Tensor mod(Tensor x, Tensor y) => Ops.FloorMod(x, y);

    /// <inheritdoc cref="TensorFlowApi.sin(Tensor)"/>
    public Tensor sin(Tensor x) => tf.sin(x);
    /// <inheritdoc cref="TensorFlowApi.cos(Tensor)"/>
    public Tensor cos(Tensor x) => tf.cos(x);
    /// <inheritdoc cref="TensorFlowApi.tan(Tensor)"/>
    public Tensor tan(Tensor x) => tf.tan(x);
    /// <inheritdoc cref="TensorFlowApi.tanh(Tensor)"/>
    public Tensor tanh(Tensor x) => tf.tanh(x);
    /// <inheritdoc cref="TensorFlowApi.sigmoid(Tensor)"/>
    public Tensor sigmoid(Tensor x) => tf.sigmoid(x);
    /// <inheritdoc cref="TensorFlowApi.exp(Tensor)"/>
    public Tensor exp(Tensor x) => tf.exp(x);
    /// <inheritdoc cref="TensorFlowApi.log(Tensor)"/>
    public Tensor log(Tensor x) => tf.log(x);
    /// <inheritdoc cref="TensorFlowApi.sqrt(Tensor)"/>
    public Tensor sqrt(Tensor x) => tf.sqrt(x);
    /// <inheritdoc cref="TensorFlowApi.square(Tensor)"/>
    public Tensor square(Tensor x) => tf.square(x);
    /// <inheritdoc cref="TensorFlowApi.abs(Tensor)"/>
    public Tensor abs(Tensor x) => tf.abs(x);
    /// <inheritdoc cref="TensorFlowApi.sign(Tensor)"/>
    public Tensor sign(Tensor x) => tf.sign(x);
    /// <inheritdoc cref="TensorFlowApi.negative(Tensor)"/>
    public Tensor negative(Tensor x) => tf.negative(x);
    /// <inheritdoc cref="TensorFlowApi.floor(Tensor)"/>
    public Tensor floor(Tensor x) => tf.floor(x);
    /// <inheritdoc cref="TensorFlowApi.round(Tensor)"/>
    public Tensor round(Tensor x) => tf.round(x);

    /// <summary><c>tf.math.ceil</c>: the smallest integer not less than each element, in the input's float dtype; floats only.</summary>
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

    /// <summary><c>tf.math.is_nan</c>: whether each element is NaN, a bool tensor; floats only.</summary>
    public Tensor is_nan(Tensor x) => Unary("IsNan", x, t => t.isnan());
    /// <summary><c>tf.math.is_finite</c>: whether each element is neither infinite nor NaN, a bool tensor; floats only.</summary>
    public Tensor is_finite(Tensor x) => Unary("IsFinite", x, t => t.isfinite());
    /// <summary><c>tf.math.is_inf</c>: whether each element is +∞ or −∞, a bool tensor; floats only.</summary>
    public Tensor is_inf(Tensor x) => Unary("IsInf", x, t => t.isinf());

    static Tensor Unary(string op, Tensor x, Func<torch.Tensor, torch.Tensor> f)
    {
        Ops.Require(op, x, Ops.Floating);
        return Ops.Elementwise(op, x, f);
    }

    /// <inheritdoc cref="TensorFlowApi.equal(Tensor, Tensor)"/>
    public Tensor equal(Tensor x, Tensor y) => tf.equal(x, y);
    /// <inheritdoc cref="TensorFlowApi.not_equal(Tensor, Tensor)"/>
    public Tensor not_equal(Tensor x, Tensor y) => tf.not_equal(x, y);
    /// <inheritdoc cref="TensorFlowApi.less(Tensor, Tensor)"/>
    public Tensor less(Tensor x, Tensor y) => tf.less(x, y);
    /// <inheritdoc cref="TensorFlowApi.less_equal(Tensor, Tensor)"/>
    public Tensor less_equal(Tensor x, Tensor y) => tf.less_equal(x, y);
    /// <inheritdoc cref="TensorFlowApi.greater(Tensor, Tensor)"/>
    public Tensor greater(Tensor x, Tensor y) => tf.greater(x, y);
    /// <inheritdoc cref="TensorFlowApi.greater_equal(Tensor, Tensor)"/>
    public Tensor greater_equal(Tensor x, Tensor y) => tf.greater_equal(x, y);
    /// <inheritdoc cref="TensorFlowApi.logical_and(Tensor, Tensor)"/>
    public Tensor logical_and(Tensor x, Tensor y) => tf.logical_and(x, y);
    /// <inheritdoc cref="TensorFlowApi.logical_or(Tensor, Tensor)"/>
    public Tensor logical_or(Tensor x, Tensor y) => tf.logical_or(x, y);
    /// <inheritdoc cref="TensorFlowApi.logical_xor(Tensor, Tensor)"/>
    public Tensor logical_xor(Tensor x, Tensor y) => tf.logical_xor(x, y);
    /// <inheritdoc cref="TensorFlowApi.logical_not(Tensor)"/>
    public Tensor logical_not(Tensor x) => tf.logical_not(x);

    /// <inheritdoc cref="TensorFlowApi.reduce_sum(Tensor, int?, bool)"/>
    public Tensor reduce_sum(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_sum(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_sum(Tensor, int[], bool)"/>
    public Tensor reduce_sum(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_sum(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_mean(Tensor, int?, bool)"/>
    public Tensor reduce_mean(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_mean(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_mean(Tensor, int[], bool)"/>
    public Tensor reduce_mean(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_mean(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_max(Tensor, int?, bool)"/>
    public Tensor reduce_max(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_max(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_max(Tensor, int[], bool)"/>
    public Tensor reduce_max(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_max(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_min(Tensor, int?, bool)"/>
    public Tensor reduce_min(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_min(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_min(Tensor, int[], bool)"/>
    public Tensor reduce_min(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_min(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_prod(Tensor, int?, bool)"/>
    public Tensor reduce_prod(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_prod(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_prod(Tensor, int[], bool)"/>
    public Tensor reduce_prod(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_prod(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_any(Tensor, int?, bool)"/>
    public Tensor reduce_any(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_any(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_any(Tensor, int[], bool)"/>
    public Tensor reduce_any(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_any(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_all(Tensor, int?, bool)"/>
    public Tensor reduce_all(Tensor input_tensor, int? axis = null, bool keepdims = false) => tf.reduce_all(input_tensor, axis, keepdims);
    /// <inheritdoc cref="TensorFlowApi.reduce_all(Tensor, int[], bool)"/>
    public Tensor reduce_all(Tensor input_tensor, int[]? axis, bool keepdims = false) => tf.reduce_all(input_tensor, axis, keepdims);

    /// <summary>The biased variance mean((x − mean x)²) over <paramref name="axis"/>; floats only, as TensorFlow.</summary>
    public Tensor reduce_variance(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_variance(input_tensor, Axis(axis), keepdims);
    /// <inheritdoc cref="reduce_variance(Tensor, int?, bool)"/>
    public Tensor reduce_variance(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Reduce("reduce_variance", RealOnly(input_tensor, "reduce_variance"), axis, keepdims, Ops.Floating, static (t, dims, keepdims) => t.var(dims, unbiased: false, keepdim: keepdims));

    /// <summary>√(reduce_variance) over <paramref name="axis"/>; floats only.</summary>
    public Tensor reduce_std(Tensor input_tensor, int? axis = null, bool keepdims = false) => reduce_std(input_tensor, Axis(axis), keepdims);
    /// <inheritdoc cref="reduce_std(Tensor, int?, bool)"/>
    public Tensor reduce_std(Tensor input_tensor, int[]? axis, bool keepdims = false) =>
        Ops.Reduce("reduce_std", RealOnly(input_tensor, "reduce_std"), axis, keepdims, Ops.Floating, static (t, dims, keepdims) => t.std(dims, unbiased: false, keepdim: keepdims));

    static Tensor RealOnly(Tensor x, string op) => x.dtype.is_floating ? x
        : throw new ArgumentException($"{op}: Input must be either real or complex. Received {x.dtype} type (shape {x.shape})");

    static int[]? Axis(int? axis) => axis is null ? null : [axis.Value];

    /// <inheritdoc cref="TensorFlowApi.argmax(Tensor, int, DType)"/>
    public Tensor argmax(Tensor input, int axis = 0, DType? output_type = null) => tf.argmax(input, axis, output_type);
    /// <inheritdoc cref="TensorFlowApi.argmin(Tensor, int, DType)"/>
    public Tensor argmin(Tensor input, int axis = 0, DType? output_type = null) => tf.argmin(input, axis, output_type);
}
