using TfNotes.Tests.Data;
using static TfNotes.Binding;

namespace TfNotes.Tests.Summary;

/// <summary>Summaries written in a training loop leave no native tensor behind.</summary>
[Collection(Isolated.Name)]
public sealed class SummaryMemoryTests() : InTemporaryFolder("tfnotes-summary-memory-")
{
    string logdir => Folder;

    [Fact]
    public void Writing_every_kind_of_summary_in_a_loop_keeps_memory_flat()
    {
        using var writer = tf.summary.create_file_writer(logdir);
        var weights = tf.Variable(tf.random.normal(new Shape(20, 10), seed: 1));
        var images = tf.random.uniform(new Shape(4, 8, 8, 3), seed: 2).keep();
        long step = 0;
        var ds = tf.data.Dataset.range(10).map(x => tf.cast(x, tf.float32) * 0.5f);
        void Epoch()
        {
            using var _ = writer.as_default();
            foreach (var loss in ds)
            {
                tf.summary.scalar("loss", loss, step: step);
                tf.summary.histogram("weights", weights, step: step);
                tf.summary.image("images", images, step: step);
                tf.summary.text("note", $"step {step}", step: step++);
            }
        }
        NativeMemory.AssertFlat(Epoch, steps: 20, warmUp: 2);
        Assert.Equal(220 * 4, EventFileReader.Values(writer.path).Count);
    }
}
