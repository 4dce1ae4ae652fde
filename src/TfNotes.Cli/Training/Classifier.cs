using TfNotes.Keras;
using TfNotes.Keras.Initializers;
using TfNotes.Notes;
using static TfNotes.Binding;

namespace TfNotes.Cli.Training;

/// <summary>The Keras models <c>tfnotes train</c> trains: logits for rows of pixels.</summary>
public static class Classifier
{
    /// <summary>
    /// The model <paramref name="options"/> describe, for inputs of <paramref name="inputs"/> features: softmax
    /// regression (one Dense layer z = x·W + b; ŷ = softmax(z) is applied by the loss) or the notes'
    /// <see cref="ThreeLayerNetwork"/>.
    /// </summary>
    public static Model Create(TrainingOptions options, int inputs, int classes) => options.Model switch
    {
        ModelKind.Softmax => tf.keras.Sequential([
            tf.keras.Input(shape: [inputs]),
            tf.keras.layers.Dense(classes, kernel_initializer: new GlorotNormal(options.Seed), name: "softmax_regression"),
        ]),
        _ => new ThreeLayerNetwork(inputs, options.Hidden, classes, options.BatchNorm, options.Seed),
    };
}
