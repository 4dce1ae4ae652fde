using System.Globalization;
using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>
/// Tensors print as TensorFlow 2.16 prints them (NumPy 1.x's str/repr): outputs from the TF guides ("Introduction to
/// tensors", "Introduction to Variables") and NumPy's documented array2string rules.
/// </summary>
public class PrintingTests
{
    [Fact]
    public void Scalars_and_vectors_print_as_the_tensor_guide()
    {
        Assert.Equal("tf.Tensor(4, shape=(), dtype=int32)", tf.constant(4).ToString());
        Assert.Equal("tf.Tensor([2. 3. 4.], shape=(3,), dtype=float32)", tf.constant(new[] { 2f, 3f, 4f }).ToString());
        Assert.Equal("tf.Tensor([1 2 3], shape=(3,), dtype=int32)", tf.constant(new[] { 1, 2, 3 }).ToString());
        Assert.Equal("tf.Tensor(10.0, shape=(), dtype=float32)", tf.constant(10f).ToString());
        Assert.Equal("tf.Tensor([1 0], shape=(2,), dtype=int64)", tf.constant(new long[] { 1, 0 }).ToString());
        Assert.Equal("tf.Tensor(True, shape=(), dtype=bool)", tf.constant(true).ToString());
        Assert.Equal("tf.Tensor([ True False  True], shape=(3,), dtype=bool)", tf.constant(new[] { true, false, true }).ToString());
        Assert.Equal("tf.Tensor([], shape=(0,), dtype=float32)", tf.zeros(new[] { 0 }).ToString());
    }

    [Fact]
    public void Matrices_start_on_a_new_line()
    {
        Assert.Equal("tf.Tensor(\n[[2 3]\n [4 5]], shape=(2, 2), dtype=int32)", tf.constant(new[,] { { 2, 3 }, { 4, 5 } }).ToString());
        Assert.Equal("tf.Tensor(\n[[1. 2. 3.]\n [4. 5. 6.]], shape=(2, 3), dtype=float32)", tf.constant(new[,] { { 1f, 2f, 3f }, { 4f, 5f, 6f } }).ToString());
        // The guide's rank_3_tensor[:, :, 4].
        Assert.Equal("tf.Tensor(\n[[ 4  9]\n [14 19]\n [24 29]], shape=(3, 2), dtype=int32)",
            tf.constant(new[,] { { 4, 9 }, { 14, 19 }, { 24, 29 } }).ToString());
        // NumPy separates the blocks of a 3-D array by a blank line.
        Assert.Equal("tf.Tensor(\n[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]], shape=(2, 2, 2), dtype=int32)",
            tf.reshape(tf.range(8), new[] { 2, 2, 2 }).ToString());
    }

    [Fact]
    public void Floats_follow_NumPys_array_rules()
    {
        Assert.Equal("tf.Tensor([1.  2.5], shape=(2,), dtype=float32)", tf.constant(new[] { 1f, 2.5f }).ToString());
        // Arrays print at most 8 fractional digits (NumPy's precision); scalars the shortest round-trip text.
        Assert.Equal("tf.Tensor([0.33333333], shape=(1,), dtype=float64)", tf.constant(new[] { 1.0 / 3 }, tf.float64).ToString());
        Assert.Equal("tf.Tensor(0.3333333333333333, shape=(), dtype=float64)", tf.constant(1.0 / 3, tf.float64).ToString());
        Assert.Equal("tf.Tensor([0.66666667 1.        ], shape=(2,), dtype=float64)", tf.constant(new[] { 2.0 / 3, 1.0 }, tf.float64).ToString());
        Assert.Equal("tf.Tensor([0.00208719 0.84203357], shape=(2,), dtype=float32)", tf.constant(new[] { 0.0020871926f, 0.84203357f }).ToString());
        Assert.Equal("tf.Tensor([-0.   1.5], shape=(2,), dtype=float32)", tf.constant(new[] { -0f, 1.5f }).ToString());
        Assert.Equal("tf.Tensor([ nan  inf -inf   1.], shape=(4,), dtype=float32)",
            tf.constant(new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1f }).ToString());
        // Ties at the 8th digit round to even, as NumPy's Dragon4: 1/512 = 0.001953125.
        Assert.Equal("tf.Tensor([0.00195312 0.5       ], shape=(2,), dtype=float64)", tf.constant(new[] { 1.0 / 512, 0.5 }, tf.float64).ToString());
    }

    [Fact]
    public void Wide_ranges_print_in_scientific_notation_as_the_tensor_guide()
    {
        // softmax([[4, 5], [10, 1]]) as the tensor guide prints it: max/min > 1000, so every mantissa gets the longest one's digits.
        var softmax = tf.constant(new[,] { { 0.26894143f, 0.7310586f }, { 0.9998766f, 1.2339458e-04f } });
        Assert.Equal("tf.Tensor(\n[[2.6894143e-01 7.3105860e-01]\n [9.9987660e-01 1.2339458e-04]], shape=(2, 2), dtype=float32)", softmax.ToString());
        Assert.Equal("tf.Tensor([1.e-05 1.e+00], shape=(2,), dtype=float64)", tf.constant(new[] { 1e-5, 1.0 }, tf.float64).ToString());
        Assert.Equal("tf.Tensor([1.5e-05 1.0e+00], shape=(2,), dtype=float64)", tf.constant(new[] { 1.5e-5, 1.0 }, tf.float64).ToString());
        Assert.Equal("tf.Tensor([1.e-005 1.e+100], shape=(2,), dtype=float64)", tf.constant(new[] { 1e-5, 1e100 }, tf.float64).ToString());
        Assert.Equal("tf.Tensor(1e-05, shape=(), dtype=float64)", tf.constant(1e-5, tf.float64).ToString());
        Assert.Equal("tf.Tensor(1e+16, shape=(), dtype=float64)", tf.constant(1e16, tf.float64).ToString());
        Assert.Equal("tf.Tensor(1000000000000000.0, shape=(), dtype=float64)", tf.constant(1e15, tf.float64).ToString());
        Assert.Equal("tf.Tensor(100000000.0, shape=(), dtype=float32)", tf.constant(1e8f).ToString());
    }

    [Fact]
    public void Long_rows_wrap_at_75_characters_and_keep_the_newline_after_the_bracket()
    {
        Assert.Equal("tf.Tensor(\n[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29], shape=(30,), dtype=int32)",
            tf.range(30).ToString());
    }

    [Fact]
    public void More_than_1000_elements_are_summarized_around_3_edge_items()
    {
        Assert.Equal("tf.Tensor([   0    1    2 ...  998  999 1000], shape=(1001,), dtype=int32)", tf.range(1001).ToString());
        var matrix = tf.reshape(tf.range(2000), new[] { 100, 20 });
        Assert.Equal("tf.Tensor(\n[[   0    1    2 ...   17   18   19]\n [  20   21   22 ...   37   38   39]\n [  40   41   42 ...   57   58   59]\n" +
            " ...\n [1940 1941 1942 ... 1957 1958 1959]\n [1960 1961 1962 ... 1977 1978 1979]\n [1980 1981 1982 ... 1997 1998 1999]], shape=(100, 20), dtype=int32)",
            matrix.ToString());
    }

    [Fact]
    public void Variables_print_as_the_variables_guide()
    {
        Assert.Equal("<tf.Variable 'Variable:0' shape=(2, 2) dtype=float32, numpy=\narray([[1., 2.],\n       [3., 4.]], dtype=float32)>",
            tf.Variable(new[,] { { 1f, 2f }, { 3f, 4f } }).ToString());
        Assert.Equal("<tf.Variable 'Variable:0' shape=(4,) dtype=bool, numpy=array([False, False, False,  True])>",
            tf.Variable(new[] { false, false, false, true }).ToString());
        Assert.Equal("<tf.Variable 'v:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>", tf.Variable(new[] { 1f, 2f }, name: "v").ToString());
        // tf.nn.softmax's documented repr: numpy=array([0.09003057, 0.24472848, 0.66524094], dtype=float32).
        Assert.Equal("<tf.Variable 's:0' shape=(3,) dtype=float32, numpy=array([0.09003057, 0.24472848, 0.66524094], dtype=float32)>",
            tf.Variable(new[] { 0.09003057f, 0.24472848f, 0.66524094f }, name: "s").ToString());
        Assert.Equal("<tf.Variable 'w:0' shape=() dtype=float32, numpy=1.0>", tf.Variable(1f, name: "w").ToString());
        Assert.Equal("<tf.Variable 'n:0' shape=(2,) dtype=int64, numpy=array([1, 2])>", tf.Variable(new long[] { 1, 2 }, name: "n").ToString());
        Assert.Equal("<tf.Variable 'd:0' shape=(2,) dtype=float64, numpy=array([0.5 , 0.25])>", tf.Variable(new[] { 0.5, 0.25 }, name: "d", dtype: tf.float64).ToString());
    }

    [Fact]
    public void A_format_applies_to_the_value_of_a_scalar_tensor()
    {
        Assert.Equal("3.14", string.Create(CultureInfo.InvariantCulture, $"{tf.constant(3.14159f):F2}"));
        Assert.Equal("0042", $"{tf.constant(42):D4}");
        Assert.Equal("tf.Tensor([1 2], shape=(2,), dtype=int32)", $"{tf.constant(new[] { 1, 2 })}");
        var e = Assert.Throws<FormatException>(() => $"{tf.constant(new[] { 1f, 2f }):F2}");
        Assert.StartsWith("unsupported format string \"F2\" for a tensor of shape (2,)", e.Message);
    }
}
