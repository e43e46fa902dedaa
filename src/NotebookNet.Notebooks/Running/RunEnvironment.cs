using System.Globalization;

namespace NotebookNet.Notebooks;

/// <summary>
/// The process-wide state a notebook run changes: the current directory (so <c>#r "../x.dll"</c> and relative file
/// paths resolve against the notebook's folder, as in an editor) and the culture. Restored on dispose.
/// </summary>
internal sealed class RunEnvironment : IDisposable
{
    private readonly string _directory;
    private readonly CultureInfo _culture, _uiCulture;
    private readonly CultureInfo? _defaultCulture, _defaultUiCulture;

    public RunEnvironment(string directory, CultureInfo culture)
    {
        _directory = Directory.GetCurrentDirectory();
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        _defaultCulture = CultureInfo.DefaultThreadCurrentCulture;
        _defaultUiCulture = CultureInfo.DefaultThreadCurrentUICulture;

        Directory.SetCurrentDirectory(directory);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = culture;
    }

    public void Dispose()
    {
        Directory.SetCurrentDirectory(_directory);
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        CultureInfo.DefaultThreadCurrentCulture = _defaultCulture;
        CultureInfo.DefaultThreadCurrentUICulture = _defaultUiCulture;
    }
}
