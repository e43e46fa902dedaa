using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NotebookNet.Notebooks;

/// <summary>
/// Builds the kernel a Polyglot notebook runs on: a composite kernel whose default is C#, with <c>#r "nuget: …"</c>
/// and <c>#i</c> (NuGet restore through the machine's configured feeds, results cached on disk by the dependency
/// manager, so later notebooks asking for the same packages restore in milliseconds), <c>display()</c>/<c>HTML()</c>
/// helpers and value sharing.
/// </summary>
internal static class KernelFactory
{
    public const string CSharp = "csharp";

    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseValueSharing();
        return new CompositeKernel { csharp }.WithDefault(CSharp);
    }

    private static CompositeKernel WithDefault(this CompositeKernel kernel, string name)
    {
        kernel.DefaultKernelName = name;
        return kernel;
    }
}
