using TorchSharp;

namespace TfNotes;

/// <summary>
/// <c>tf.config</c>: the devices TfNotes computes on and how many threads it uses. This build runs on the CPU only
/// (TorchSharp-cpu): no GPU build of the engine is available here, so <c>list_physical_devices("GPU")</c> is empty.
/// </summary>
public sealed class ConfigApi
{
    internal ConfigApi()
    {
    }

    /// <summary><c>tf.config.threading</c>: libtorch's thread counts (the one place TfNotes sets them).</summary>
    public ThreadingApi threading { get; } = new();

    /// <summary>
    /// The devices of <paramref name="device_type"/> ("CPU", "GPU"; null: all), as TensorFlow lists them:
    /// <c>[PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')]</c>. Types are matched exactly, as in TF.
    /// </summary>
    public IReadOnlyList<PhysicalDevice> list_physical_devices(string? device_type = null) =>
        device_type is null or "CPU" ? [new PhysicalDevice("/physical_device:CPU:0", "CPU")] : [];

    /// <summary>
    /// TfNotes' own (TensorFlow has no such call; its build is <c>tf.sysconfig.get_build_info()</c>): the versions of
    /// the engine under the API, for run records.
    /// </summary>
    public EngineVersions engine_versions()
    {
        Engine.TorchRuntime.EnsureLoaded();
        var assembly = typeof(torch).Assembly;
        var informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "?";
        return new EngineVersions(informational.Split('+')[0], torch.__version__);
    }
}
