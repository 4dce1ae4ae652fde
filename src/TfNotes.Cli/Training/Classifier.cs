using TfNotes.Keras;
using TfNotes.Keras.Initializers;
using TfNotes.Keras.Layers;
using TfNotes.Notes;

namespace TfNotes.Cli.Training;

/// <summary>A model the trainer can fit: logits for rows of pixels, its trainable variables and its weights file.</summary>
public interface IClassifier
{
    Tensor Logits(Tensor x, bool training);
    IReadOnlyList<Variable> trainable_variables { get; }
    void save_weights(string path);
    void load_weights(string path);

    /// <summary>The model <paramref name="options"/> describe, for inputs of <paramref name="inputs"/> features.</summary>
    static IClassifier Create(TrainingOptions options, int inputs, int classes) => options.Model switch
    {
        ModelKind.Softmax => new SoftmaxRegression(inputs, classes, options.Seed),
        _ => new NotesNetwork(new ThreeLayerNetwork(inputs, options.Hidden, classes, options.BatchNorm, options.Seed)),
    };
}

/// <summary>Softmax regression: one Dense layer z = x·W + b; ŷ = softmax(z) is applied by the loss (from logits).</summary>
public sealed class SoftmaxRegression : IClassifier
{
    readonly Sequential model;

    public SoftmaxRegression(int inputs, int classes, int seed)
    {
        var linear = new Dense(classes, kernel_initializer: new GlorotNormal(seed), name: "softmax_regression");
        linear.build(new Shape(-1, inputs));
        model = new Sequential([linear]);
    }

    public Tensor Logits(Tensor x, bool training) => model.Apply(x, training);
    public IReadOnlyList<Variable> trainable_variables => model.trainable_variables;
    public void save_weights(string path) => model.save_weights(path);
    public void load_weights(string path) => model.load_weights(path);
}

/// <summary>The notes' LINEAR → RELU → … → LINEAR network (<see cref="ThreeLayerNetwork"/>), optionally batch-normalised.</summary>
public sealed class NotesNetwork(ThreeLayerNetwork network) : IClassifier
{
    public Tensor Logits(Tensor x, bool training) => network.Forward(x, training);
    public IReadOnlyList<Variable> trainable_variables => network.trainable_variables;
    public void save_weights(string path) => network.save_weights(path);
    public void load_weights(string path) => network.load_weights(path);
}
