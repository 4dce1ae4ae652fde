namespace TfNotes;

/// <summary>A device as <c>tf.config.list_physical_devices</c> returns it.</summary>
public sealed record PhysicalDevice(string name, string device_type)
{
    public override string ToString() => $"PhysicalDevice(name='{name}', device_type='{device_type}')";
}
