using System.Globalization;

namespace NotebookNet.Interactive.Tests;

/// <summary>Runs a block under a culture that writes "0,5", to prove the output does not.</summary>
internal sealed class Culture : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _ui = CultureInfo.CurrentUICulture;

    private Culture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public static Culture Spanish() => new("es-ES");

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _ui;
    }
}
