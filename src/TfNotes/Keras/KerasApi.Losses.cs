using TfNotes.Keras.Losses;

namespace TfNotes;

public sealed partial class KerasApi
{
    public LossesApi losses { get; } = new();
}
