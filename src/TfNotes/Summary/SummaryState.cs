namespace TfNotes.Summary;

/// <summary>The default writer and step of this thread, as TensorFlow keeps them per thread.</summary>
internal static class SummaryState
{
    [ThreadStatic] static SummaryWriter? writer;
    [ThreadStatic] static Func<long>? step;

    internal static SummaryWriter? Writer => writer;

    internal static long? Step => step?.Invoke();

    internal static void SetStep(Func<long>? value) => step = value;

    internal static void SetDefault(SummaryWriter value, long? defaultStep)
    {
        writer = value;
        if (defaultStep is { } s) step = () => s;
    }

    /// <summary>The step a summary is written at: the one given, else the default; TensorFlow's error without either.</summary>
    internal static long StepFor(long? given) => given ?? Step ?? throw new ArgumentException(
        "No step set. Please specify one either through the `step` argument or through tf.summary.experimental.set_step()", "step");

    /// <summary><c>writer.as_default(step)</c>: restores the previous writer (and step) when disposed, after a flush.</summary>
    internal sealed class Default : IDisposable
    {
        readonly SummaryWriter? previousWriter = writer;
        readonly Func<long>? previousStep = step;
        readonly SummaryWriter current;
        bool disposed;

        internal Default(SummaryWriter current, long? defaultStep)
        {
            this.current = current;
            SetDefault(current, defaultStep);
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            try
            {
                current.flush();
            }
            finally
            {
                (writer, step) = (previousWriter, previousStep);
            }
        }
    }
}
