using Google.Protobuf;

namespace TfNotes.Summary;

/// <summary>
/// A summary writer, as <c>tf.summary.create_file_writer(logdir)</c> makes: an event file in <see cref="logdir"/>
/// that <c>tf.summary.scalar</c>, <c>histogram</c>, <c>image</c> and <c>text</c> write to while it is the default
/// (<c>using (writer.as_default()) { … }</c>). Safe to use from several threads; flushed and closed by
/// <see cref="close"/> (or <c>Dispose</c>), and flushed when the process exits.
/// </summary>
public sealed class SummaryWriter : IDisposable
{
    readonly EventFile file;
    readonly object gate = new();
    bool closed;

    /// <summary>The log directory this writer writes to.</summary>
    public string logdir { get; }

    /// <summary>The event file's path.</summary>
    public string path => file.Path;

    internal SummaryWriter(string logdir, int maxQueue, long flushMillis, string filenameSuffix)
    {
        this.logdir = logdir;
        try
        {
            Directory.CreateDirectory(logdir);
            file = new EventFile(logdir, maxQueue, flushMillis, filenameSuffix);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new IOException($"create_file_writer: cannot write event files to the log directory {logdir}: {e.Message}", e);
        }
        AppDomain.CurrentDomain.ProcessExit += FlushAtExit;
    }

    /// <summary>
    /// Makes this the default writer of this thread until the result is disposed (then flushes, and restores the
    /// previous default). With <paramref name="step"/>, also the default step meanwhile.
    /// </summary>
    public IDisposable as_default(long? step = null) => new SummaryState.Default(this, step);

    /// <summary>Makes this the default writer of this thread from now on (and <paramref name="step"/> the default step).</summary>
    public void set_as_default(long? step = null) => SummaryState.SetDefault(this, step);

    /// <summary>Writes pending events to the file.</summary>
    public void flush()
    {
        lock (gate) if (!closed) file.Flush();
    }

    /// <summary>Flushes and closes the event file; later summaries written with this writer fail.</summary>
    public void close()
    {
        lock (gate)
        {
            if (closed) return;
            closed = true;
            file.Dispose();
        }
        AppDomain.CurrentDomain.ProcessExit -= FlushAtExit;
    }

    /// <summary>The same as <see cref="close"/>.</summary>
    public void Dispose() => close();

    void FlushAtExit(object? sender, EventArgs e) => close();

    /// <summary>Writes one summary value (a tensor of a plugin's format) at <paramref name="step"/>.</summary>
    internal void Write(string tag, Tensorboard.TensorProto tensor, string plugin, Tensorboard.DataClass dataClass, string? description, long step)
    {
        var value = new Tensorboard.Summary.Types.Value
        {
            Tag = tag,
            Tensor = tensor,
            Metadata = new Tensorboard.SummaryMetadata
            {
                PluginData = new() { PluginName = plugin, Content = ByteString.Empty },
                SummaryDescription = description ?? "",
                DataClass = dataClass,
            },
        };
        var summary = new Tensorboard.Summary();
        summary.Value.Add(value);
        var e = new Tensorboard.Event { WallTime = EventFile.Now(), Step = step, Summary = summary };
        lock (gate)
        {
            if (closed) throw new InvalidOperationException($"tf.summary: the writer for {logdir} is closed");
            file.Write(e);
        }
    }

    /// <summary>The writer and its log directory, <c>&lt;SummaryWriter logdir=…&gt;</c>.</summary>
    public override string ToString() => $"<SummaryWriter logdir={logdir}>";
}
