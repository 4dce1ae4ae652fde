using System.Collections;

namespace TfNotes.Data;

/// <summary>A dataset whatever its element type, for stages over several inputs of different types (<c>zip</c>).</summary>
internal interface IDataset
{
    IEnumerator OpenPass();
    Structure Structure { get; }
    long cardinality();
    object element_spec { get; }
}
