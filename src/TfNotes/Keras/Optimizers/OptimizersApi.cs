using TfNotes.Keras.Optimizers.Schedules;

namespace TfNotes.Keras.Optimizers;

/// <summary><c>tf.keras.optimizers</c>, with Keras 3's defaults (a null <c>learning_rate</c> is the optimizer's default).</summary>
public sealed class OptimizersApi
{
    internal OptimizersApi() { }

    /// <summary><c>keras.optimizers.SGD</c>: gradient descent, with optional (Nesterov) momentum; see <see
    /// cref="T:TfNotes.Keras.Optimizers.SGD"/>.</summary>
    public SGD SGD(LearningRate? learning_rate = null, double momentum = 0.0, bool nesterov = false, double? weight_decay = null,
        double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "SGD") =>
        new(learning_rate, momentum, nesterov, weight_decay, clipnorm, clipvalue, global_clipnorm, name);

    /// <summary><c>keras.optimizers.RMSprop</c>: divides the gradient by a running root mean square; see <see
    /// cref="T:TfNotes.Keras.Optimizers.RMSprop"/>.</summary>
    public RMSprop RMSprop(LearningRate? learning_rate = null, double rho = 0.9, double momentum = 0.0, double epsilon = 1e-7, bool centered = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "rmsprop") =>
        new(learning_rate, rho, momentum, epsilon, centered, weight_decay, clipnorm, clipvalue, global_clipnorm, name);

    /// <summary><c>keras.optimizers.Adam</c>: adaptive moment estimation; see <see
    /// cref="T:TfNotes.Keras.Optimizers.Adam"/>.</summary>
    public Adam Adam(LearningRate? learning_rate = null, double beta_1 = 0.9, double beta_2 = 0.999, double epsilon = 1e-7, bool amsgrad = false,
        double? weight_decay = null, double? clipnorm = null, double? clipvalue = null, double? global_clipnorm = null, string name = "adam") =>
        new(learning_rate, beta_1, beta_2, epsilon, amsgrad, weight_decay, clipnorm, clipvalue, global_clipnorm, name);

    /// <summary><c>tf.keras.optimizers.schedules</c>.</summary>
    public SchedulesApi schedules { get; } = new();
}
