using NumSharp;
using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>TensorFlow 2's dtypes for Python values and for numbers combined with tensors (tf.constant, tf.convert_to_tensor
/// and the binary ops' conversion of a Python number to the tensor's dtype).</summary>
public class DTypeRulesTests
{
    [Fact]
    public void A_number_with_an_integer_tensor_keeps_the_integer_dtype()
    {
        var x = tf.constant(new[] { 1, 2, 3 });
        AssertValues(tf.int32, [2, 4, 6], x * 2);
        AssertValues(tf.int32, [2, 3, 4], x + 1);
        AssertValues(tf.int32, [0, 1, 2], x - 1);
        AssertValues(tf.int32, [9, 8, 7], 10 - x);
        var bytes = tf.constant(new byte[] { 1, 100, 200 });
        AssertValues(tf.uint8, new byte[] { 2, 200, 144 }, bytes * 2); // uint8 wraps around, as TF's
        AssertValues(tf.int64, [1L, 4, 9], tf.pow(tf.constant(new[] { 1L, 2, 3 }), 2));
        // An int with a float tensor is fine and keeps float32.
        AssertValues(tf.float32, [2f, 4f, 6f], tf.constant(new[] { 1f, 2f, 3f }) * 2);
    }

    [Fact]
    public void A_fraction_with_an_integer_tensor_is_TensorFlows_TypeError()
    {
        var x = tf.constant(new[] { 1, 2, 3 });
        Assert.Equal("Cannot convert 2.5 to EagerTensor of dtype int32", Assert.Throws<TypeError>(() => x * 2.5).Message);
        Assert.Equal("Cannot convert 2.5 to EagerTensor of dtype int32", Assert.Throws<TypeError>(() => x / 2.5).Message);
        // Any Python float, integral or not, for an integer tensor (TF's ErrorFoundFloat): a C# double is one.
        Assert.Equal("Cannot convert 3.0 to EagerTensor of dtype int32", Assert.Throws<TypeError>(() => 3.0 * x).Message);
        Assert.Equal("Cannot convert [1.0, 2.0] to EagerTensor of dtype int32",
            Assert.Throws<TypeError>(() => tf.constant(new[] { 1.0, 2.0 }, tf.int32)).Message);
        Assert.Equal("Cannot convert 300 to EagerTensor of dtype uint8",
            Assert.Throws<TypeError>(() => tf.constant(new byte[] { 1 }) * 300).Message);
        Assert.Equal("Cannot convert 1 to EagerTensor of dtype bool", Assert.Throws<TypeError>(() => tf.constant(true) + 1).Message);
        Assert.Equal("Cannot convert 2.5 to EagerTensor of dtype int32", Assert.Throws<TypeError>(() => tf.constant(2.5, tf.int32)).Message);
    }

    [Fact]
    public void Division_of_integers_is_true_division_in_float64_and_of_bytes_in_float32()
    {
        // tf.constant([1, 2, 3]) / 2 → tf.Tensor([0.5 1.  1.5], shape=(3,), dtype=float64)
        AssertValues(tf.float64, [0.5, 1.0, 1.5], tf.constant(new[] { 1, 2, 3 }) / 2);
        AssertValues(tf.float64, [2.0, 1.0, 2.0 / 3], 2 / tf.constant(new[] { 1L, 2, 3 }));
        AssertValues(tf.float32, [0.5f, 50f], tf.constant(new byte[] { 1, 100 }) / 2);
    }

    [Fact]
    public void A_number_given_for_a_tensor_argument_takes_the_other_operands_dtype()
    {
        var x64 = tf.constant(new[] { -1.5, 2.0 }, tf.float64);
        AssertValues(tf.float64, [0.1, 2.0], tf.maximum(x64, 0.1)); // 0.1 exactly, not float32's 0.100000001
        AssertValues(tf.int32, [3, 4], tf.add(tf.constant(new[] { 1, 2 }), 2));
        Assert.Equal("Cannot convert 0.5 to EagerTensor of dtype int32", Assert.Throws<TypeError>(() => tf.add(tf.constant(new[] { 1 }), 0.5)).Message);
        // Two tensors of different dtypes stay an error, as in TF.
        Assert.Throws<InvalidArgumentError>(() => tf.add(x64, tf.constant(new[] { 1f, 2f })));
    }

    [Fact]
    public void Python_float_literals_are_float32_and_ints_int32()
    {
        Assert.Equal(tf.float32, tf.constant(3.0).dtype);
        Assert.Equal(tf.float32, tf.Variable(3.0).dtype);
        Assert.Equal(tf.float32, tf.constant(new[] { 1.0, 2.0 }).dtype);
        Assert.Equal(tf.float32, tf.constant(new[,] { { 1.0 }, { 2.0 } }).dtype);
        Assert.Equal(tf.float32, tf.convert_to_tensor(1.5).dtype);
        Assert.Equal(tf.float32, tf.fill(new[] { 2 }, 3.0).dtype);
        Assert.Equal(tf.int32, tf.constant(3).dtype);
        Assert.Equal(tf.int32, tf.constant(new[] { 1, 2 }).dtype);
        Assert.Equal(tf.int64, tf.constant(3L).dtype);
        // NumPy arrays keep their dtype: np.array([1.0, 2.0]) is float64 in TF too.
        Assert.Equal(tf.float64, tf.constant(np.array(new[] { 1.0, 2.0 })).dtype);
        // A dtype makes the value exactly: 0.1 as float64 is the double 0.1, not float32's.
        Assert.Equal(0.1, tf.constant(0.1, tf.float64).ToArray<double>()[0]);
        Assert.Equal(new[] { 0.1, 0.2 }, tf.constant(new[] { 0.1, 0.2 }, tf.float64).ToArray<double>());
        Assert.Equal(tf.float64, tf.Variable(new[] { 0.1 }, dtype: tf.float64).dtype);
    }

    static void AssertValues<T>(DType dtype, T[] expected, Tensor actual) where T : unmanaged
    {
        Assert.Equal(dtype, actual.dtype);
        Assert.Equal(new[] { (long)expected.Length }, actual.shape.dims);
        var values = actual.ToArray<T>();
        if (typeof(T) == typeof(double))
            for (int i = 0; i < expected.Length; i++) Assert.Equal((double)(object)expected[i], (double)(object)values[i], 15);
        else Assert.Equal(expected, values);
    }

    [Fact]
    public void Clip_by_value_bounds_take_the_tensors_dtype()
    {
        var ints = tf.constant(new[] { -3, 1, 7 });
        var clipped = tf.clip_by_value(ints, 0, 5);
        Assert.Equal(tf.int32, clipped.dtype);
        Assert.Equal(new[] { 0, 1, 5 }, clipped.ToArray<int>());
        Assert.Equal("Cannot convert 0.5 to EagerTensor of dtype int32", Assert.Throws<TypeError>(() => tf.clip_by_value(ints, 0.5, 2.5)).Message);
        var floats = tf.clip_by_value(tf.constant(new[] { -1f, 0.5f, 2f }), 0, 1);
        Assert.Equal(tf.float32, floats.dtype);
        Assert.Equal(new[] { 0f, 0.5f, 1f }, floats.ToArray<float>());
    }
}
