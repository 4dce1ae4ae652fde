using static TfNotes.Binding;

namespace TfNotes.Tests.Config;

/// <summary><c>tf.config</c>: TensorFlow's device list and thread settings, with libtorch under them.</summary>
[Collection(TfNotes.Tests.Data.Isolated.Name)] // the thread counts are process-wide
public class ConfigTests
{
    [Fact]
    public void The_CPU_is_the_one_physical_device_and_prints_as_in_TensorFlow()
    {
        var devices = tf.config.list_physical_devices();

        var cpu = Assert.Single(devices);
        Assert.Equal("PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')", cpu.ToString());
        Assert.Equal([cpu], tf.config.list_physical_devices("CPU"));
        Assert.Empty(tf.config.list_physical_devices("GPU"));
        Assert.Empty(tf.config.list_physical_devices("cpu")); // TensorFlow matches the type exactly
    }

    [Fact]
    public void Intra_op_threads_set_libtorch_and_read_back_with_0_meaning_one_per_core()
    {
        var before = TorchSharp.torch.get_num_threads();
        try
        {
            tf.config.threading.set_intra_op_parallelism_threads(1);
            Assert.Equal(1, tf.config.threading.get_intra_op_parallelism_threads());
            Assert.Equal(1, TorchSharp.torch.get_num_threads());
            var onAnotherThread = 0;
            var thread = new Thread(() => onAnotherThread = TorchSharp.torch.get_num_threads());
            thread.Start();
            thread.Join();
            Assert.Equal(1, onAnotherThread); // process-wide, as TensorFlow's setting

            tf.config.threading.set_intra_op_parallelism_threads(0);
            Assert.Equal(0, tf.config.threading.get_intra_op_parallelism_threads());
            Assert.Equal(Environment.ProcessorCount, TorchSharp.torch.get_num_threads());
        }
        finally
        {
            TorchSharp.torch.set_num_threads(before);
        }
    }

    [Fact]
    public void A_negative_thread_count_is_refused_naming_the_argument()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => tf.config.threading.set_intra_op_parallelism_threads(-1));
        Assert.Contains("Received: num_threads=-1", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => tf.config.threading.set_inter_op_parallelism_threads(-2));
    }

    [Fact]
    public void Inter_op_threads_are_set_once_then_refused_with_TensorFlows_message()
    {
        tf.config.threading.set_inter_op_parallelism_threads(1);
        Assert.Equal(1, tf.config.threading.get_inter_op_parallelism_threads());
        Assert.Equal(1, TorchSharp.torch.get_num_interop_threads());

        var error = Assert.Throws<InvalidOperationException>(() => tf.config.threading.set_inter_op_parallelism_threads(2));
        Assert.StartsWith("Inter op parallelism cannot be modified after initialization", error.Message);
        Assert.Equal(1, tf.config.threading.get_inter_op_parallelism_threads());
    }

    [Fact]
    public void Engine_versions_name_the_binding_and_libtorch()
    {
        var versions = tf.config.engine_versions();
        Assert.Equal("0.107.0", versions.TorchSharp);
        Assert.Equal(TorchSharp.torch.__version__, versions.Libtorch);
    }
}
