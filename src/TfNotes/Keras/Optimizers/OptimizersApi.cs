namespace TfNotes.Keras.Optimizers;

/// <summary><c>tf.keras.optimizers</c>, with Keras 3's defaults.</summary>
public sealed class OptimizersApi
{
    internal OptimizersApi() { }

    public SGD SGD(double learning_rate = 0.01, double momentum = 0.0, bool nesterov = false) =>
        new(learning_rate, momentum, nesterov);

    public RMSprop RMSprop(double learning_rate = 0.001, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false) =>
        new(learning_rate, rho, momentum, epsilon, centered);

    public Adam Adam(double learning_rate = 0.001, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7) =>
        new(learning_rate, beta_1, beta_2, epsilon);
}
