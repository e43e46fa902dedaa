using System.Globalization;
using NotebookNet.Bench;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string Usage = """
    notebooknet-bench <command> [options]   (run it through bench/run.sh on a fresh machine)

      seed   the tutorial's experiment, ours vs the tutorial's NumPy code on its fastest BLAS, same seed, in turns
             --seed 0 --epochs 100 --limit 1000 --rounds 5 --screen-epochs 10 --screen-passes 2 --screen-timeout 30 --no-numpy --no-whole
             --python /usr/bin/python3
      cnn    small CNN and LeNet-5, ours vs TorchSharp (2 threads), seeds in turns, medians and spreads
             --net small|lenet|all --epochs 1 --limit 60000 --seed 0 --seeds 5 --threads 2 --pause-ms 1000 --no-torch --no-ours
      gemm   GemmBenchmark (our kernels), LeNet-5's convolution layers as trained, torch.matmul float32 1024³
             --threads 2 --repeat 20 --no-torch
      reference  the catalog's reference recipe: training seconds and test accuracy
             --seed 0 --seeds 3
      all    seed, cnn, gemm and reference with their defaults, then issue 13's targets as one table
    common:  --data DIR (default: data/mnist above the current folder)
    """;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    Console.WriteLine(Machine.Describe());
    var options = new Options(args[0], args[1..]);
    switch (args[0])
    {
        case "seed": SeedBenchmark.Run(options, Console.Out); break;
        case "cnn": CnnBenchmark.Run(options, Console.Out); break;
        case "gemm": GemmCommand.Run(options, Console.Out); break;
        case "reference": ReferenceBenchmark.Run(options, Console.Out); break;
        case "all":
            var data = options.String("data");
            options.RejectUnknown();
            string[] common = data is null ? [] : ["--data", data];
            var card = new Scorecard();
            SeedBenchmark.Run(new Options("seed", common), Console.Out, card);
            Console.WriteLine();
            CnnBenchmark.Run(new Options("cnn", common), Console.Out, card);
            Console.WriteLine();
            GemmCommand.Run(new Options("gemm", []), Console.Out, card);
            Console.WriteLine();
            ReferenceBenchmark.Run(new Options("reference", common), Console.Out, card);
            Console.WriteLine();
            card.Print(Console.Out);
            break;
        default:
            Console.Error.WriteLine($"Unknown command '{args[0]}'.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
    return 0;
}
catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
