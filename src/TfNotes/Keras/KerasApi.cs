namespace TfNotes;

/// <summary><c>tf.keras</c>. Each family of objects has its own factory, in its own folder.</summary>
public sealed partial class KerasApi
{
    internal KerasApi() { }
}
