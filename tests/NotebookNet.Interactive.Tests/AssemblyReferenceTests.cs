namespace NotebookNet.Interactive.Tests;

/// <summary>
/// The display library is loaded into kernels it was not built with (dotnet-interactive's, dotnet-repl's), which carry
/// their own copies of the shared assemblies. Referencing a version a kernel lacks is a load failure there (dotnet-repl
/// carries Html.Abstractions 2.3.0.0) or a CS1701 warning in every cell (dotnet-interactive carries 10.0.0.0).
/// </summary>
public class AssemblyReferenceTests
{
    private static readonly System.Reflection.AssemblyName[] References =
        typeof(NotebookDisplay).Assembly.GetReferencedAssemblies();

    [Fact]
    public void The_display_library_references_no_aspnetcore_assembly()
    {
        var aspNet = References.Where(r => r.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Empty(aspNet.Select(r => r.FullName));
    }

    [Fact]
    public void The_interactive_assemblies_it_references_are_the_version_every_kernel_carries()
    {
        var interactive = References.Where(r => r.Name!.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(interactive);
        Assert.All(interactive, r => Assert.Equal(new Version(1, 0, 0, 0), r.Version));
    }
}
