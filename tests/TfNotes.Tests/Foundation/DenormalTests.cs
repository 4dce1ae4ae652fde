using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>TensorFlow flushes denormals to zero on the CPU, float32 and float64, on the op's thread and on its thread
/// pool (TensorFlow's denormal_test: <c>0.1 * tf.constant(tiny)</c> is 0 for shape () and (1 &lt;&lt; 20,)).</summary>
public class DenormalTests
{
    [Fact]
    public void A_result_below_the_smallest_normal_number_is_zero_as_in_tensorflow()
    {
        foreach (var (dtype, tiny) in new[] { (tf.float32, (double)BitConverter.Int32BitsToSingle(0x00800000)), (tf.float64, BitConverter.Int64BitsToDouble(0x0010000000000000)) })
        {
            foreach (var shape in new[] { new Shape(Array.Empty<long>()), new Shape(1 << 20) })
            {
                var flushed = 0.1 * (tf.ones(shape, dtype) * tiny);
                Assert.Equal(dtype, flushed.dtype);
                Assert.Equal(shape, flushed.shape);
                Assert.Equal(0.0, (double)tf.reduce_max(tf.abs(flushed)));
                Assert.Equal(tiny, (double)tf.reduce_min(tf.ones(shape, dtype) * tiny));   // the smallest normal number itself stays
            }
        }
    }

    [Fact]
    public void A_new_thread_flushes_from_its_first_op()
    {
        double result = double.NaN;
        var thread = new Thread(() => result = (double)(0.5 * tf.constant(BitConverter.Int64BitsToDouble(0x0010000000000000), dtype: tf.float64)));
        thread.Start();
        thread.Join();
        Assert.Equal(0.0, result);
    }
}
