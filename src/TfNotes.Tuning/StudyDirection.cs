namespace TfNotes.Tuning;

public enum StudyDirection
{
    Minimize = 0,
    Maximize = 1,
}
