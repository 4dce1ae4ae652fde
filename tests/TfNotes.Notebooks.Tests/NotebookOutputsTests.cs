using System.Text.Json.Nodes;

namespace TfNotes.Notebooks.Tests;

/// <summary>The comparison of saved and fresh outputs itself, on small notebooks written here.</summary>
public sealed class NotebookOutputsTests
{
    static string Notebook(params string[][] cellOutputs) => new JsonObject
    {
        ["cells"] = new JsonArray(cellOutputs.Select(lines => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code",
            ["outputs"] = new JsonArray(lines.Select(text => (JsonNode)new JsonObject
            {
                ["output_type"] = "stream",
                ["name"] = "stdout",
                ["text"] = new JsonArray(Lines(text)),
            }).ToArray()),
        }).ToArray()),
    }.ToJsonString();

    // Jupyter's form: each line with its newline, the last one without.
    static JsonNode[] Lines(string text)
    {
        var lines = text.Split('\n');
        return lines.Select((line, i) => (JsonNode)JsonValue.Create(i < lines.Length - 1 ? line + "\n" : line)).ToArray();
    }

    [Fact]
    public void The_same_text_reproduces_and_timing_lines_may_differ()
    {
        var saved = Notebook(["epoch 1: cost 0.8069\n(0.8 s)\n"], ["24 trials in 5.1 s\n"]);
        var fresh = Notebook(["epoch 1: cost 0.8069\n(2.4 s)\n"], ["24 trials in 16.9 s\n"]);
        Assert.Empty(NotebookOutputs.Differences(saved, fresh));
    }

    [Fact]
    public void A_number_off_in_its_last_printed_digit_is_a_difference_naming_the_cell_line_and_number()
    {
        var saved = Notebook(["x"], ["best α = 0.00546 (error 0.0014)\n"]);
        var fresh = Notebook(["x"], ["best α = 0.00547 (error 0.0014)\n"]);
        var difference = Assert.Single(NotebookOutputs.Differences(saved, fresh));
        Assert.Equal("cell 2, output line 1: saved \"best α = 0.00546 (error 0.0014)\", fresh \"best α = 0.00547 (error 0.0014)\" (number 1: 0.00546 → 0.00547)", difference);
    }

    [Fact]
    public void A_missing_or_extra_line_or_cell_is_a_difference()
    {
        Assert.Single(NotebookOutputs.Differences(Notebook(["a\nb\n"]), Notebook(["a\n"])));
        Assert.Single(NotebookOutputs.Differences(Notebook(["a\n"]), Notebook(["a\n"], ["b\n"])));
    }

    [Fact]
    public void Results_and_displays_count_by_their_plain_text_and_images_do_not()
    {
        var saved = """{"cells":[{"cell_type":"code","outputs":[{"output_type":"execute_result","data":{"text/plain":["7"]}},{"output_type":"display_data","data":{"image/png":"AAAA"}}]}]}""";
        var fresh = """{"cells":[{"cell_type":"code","outputs":[{"output_type":"execute_result","data":{"text/plain":["8"]}},{"output_type":"display_data","data":{"image/png":"BBBB"}}]}]}""";
        Assert.Equal(["7\n"], NotebookOutputs.Texts(saved).Select(t => t.Text));
        Assert.Single(NotebookOutputs.Differences(saved, fresh));
    }
}
