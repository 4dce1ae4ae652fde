namespace TfNotes;

/// <summary>A device as <c>tf.config.list_physical_devices</c> returns it.</summary>
public sealed record PhysicalDevice(string name, string device_type)
{
    /// <summary>TensorFlow's repr: <c>PhysicalDevice(name='/physical_device:CPU:0', device_type='CPU')</c>.</summary>
    public override string ToString() => $"PhysicalDevice(name='{name}', device_type='{device_type}')";
}
