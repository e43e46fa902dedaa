// 07-Prediccion-y-Entrenamiento.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/07-Prediccion-y-Entrenamiento.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet;
using NotebookNet.Data;
using NotebookNet.Interactive;
using Fast = NotebookNet.Layers;
using FastLoss = NotebookNet.Losses.Loss;
using FastTutorial = NotebookNet.Training.Tutorial;
using FastData = NotebookNet.Data.Preprocessing;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 07 · Predicción y entrenamiento
//
// ## Lo que aprenderás
//
// - A escribir en C# las funciones `Predict` y `Train` del documento: cómo se encadenan las capas y cómo se aplica la
//   retropropagación muestra a muestra.
// - A entrenar con tus propias clases una red diminuta (la función XOR) y ver su curva de error.
// - Por qué la retropropagación es la regla de la cadena, con un ejemplo de dos capas hecho número a número.
// - Cómo `PreprocessData` convierte las imágenes de MNIST en vectores columna normalizados y las etiquetas en vectores
//   *one-hot*, y un fallo sutil de `to_categorical` que conviene evitar.

// ── celda 2 ──
// La mayor diferencia, elemento a elemento, entre dos matrices de la misma forma.
double MaxDiff(Matrix<double> a, Matrix<double> b) => (a - b).Enumerate().Max(Math.Abs);

// Un vector columna con los valores dados.
Matrix<double> Column(params double[] values) =>
    Matrix<double>.Build.DenseOfColumnArrays(values);

// Una entrada de prueba: `rows` valores en [0, 1) de un generador con su propia semilla.
Matrix<double> RandomInput(int rows, int seed)
{
    var rng = new Rng((uint)seed);
    return Matrix<double>.Build.Dense(rows, 1, (i, j) => rng.NextDouble());
}

NotebookDisplay.Register();

// ── celda 3 ──
// ## Funciones de Predicción y Entrenamiento de Redes Neuronales
//
// Cada cuaderno se ejecuta en su propio núcleo, así que primero reunimos, tal cual, las clases que escribiste en los
// cuadernos 04 (`Layer`, `NumPy.Randn`, `Dense`), 05 (`Activation`, `Tanh`) y 06 (`Mse`, `MsePrime`). Si cambias alguna
// aquí, el cambio vale para este cuaderno:

// ── celda 4 ──

// ── celda 5 ──

// ── celda 6 ──
// Calcula el error cuadrático medio entre las predicciones y los valores verdaderos.
//   yTrue: valores verdaderos; yPred: predicciones del modelo.
//   Devuelve: el error cuadrático medio (un número).
double Mse(Matrix<double> yTrue, Matrix<double> yPred) =>
    (yTrue - yPred).PointwisePower(2).Enumerate().Average();

// Calcula la derivada del error cuadrático medio respecto a las predicciones.
//   Devuelve: el gradiente, una matriz de la forma de yPred.
Matrix<double> MsePrime(Matrix<double> yTrue, Matrix<double> yPred) =>
    2 * (yPred - yTrue) / (yTrue.RowCount * yTrue.ColumnCount);

// ── celda 7 ──
// En el documento una red es simplemente una **lista de capas**: `List<Layer>` en C#.
//
// ### Función de Predicción (`predict`)
//
// Realiza una predicción utilizando una red neuronal dada: la salida de cada capa es la entrada de la siguiente.
//
// - **`network`**: lista de capas de la red neuronal.
// - **`input`**: entrada para la predicción (un vector columna).
// - **Devuelve**: la salida de la red neuronal después de aplicar todas las capas.

// ── celda 8 ──
// Realiza una predicción utilizando una red neuronal dada.
//   network: lista de capas de la red; input: entrada para la predicción.
//   Devuelve: la salida de la red después de aplicar todas las capas.
Matrix<double> Predict(List<Layer> network, Matrix<double> input)
{
    var output = input;
    foreach (var layer in network)
        output = layer.Forward(output);
    return output;
}

// ── celda 9 ──
// La red de la prueba tiene dos entradas, tres neuronas ocultas y una salida. La construimos dos veces con la misma
// semilla: con tus clases y con las de la biblioteca (`FastTutorial.Predict` es su `predict`):

// ── celda 10 ──
Rng.Shared.Seed(0);
var network = new List<Layer>
{
    new Dense(2, 3), new Tanh(), new Dense(3, 1), new Tanh(),
};
Rng.Shared.Seed(0);
var fastNetwork = new List<Fast.Layer<double>>
{
    new Fast.Dense<double>(2, 3), new Fast.Tanh<double>(),
    new Fast.Dense<double>(3, 1), new Fast.Tanh<double>(),
};

var input = Column(1.0, 0.0);
var prediction = Predict(network, input);
Console.WriteLine(Invariant($"Predict(network, [1, 0]) = {prediction[0, 0]:F4}"));
double predictDifference = MaxDiff(prediction, FastTutorial.Predict(fastNetwork, input));
Console.WriteLine(Invariant($"Diferencia máxima con la biblioteca: ") +
    Invariant($"{predictDifference:g2}"));

// ── celda 11 ──
// ### Función de Entrenamiento (`train`)
//
// Entrena una red neuronal utilizando el algoritmo de retropropagación. En cada época recorre todas las muestras y,
// para cada una:
//
// 1. **hacia adelante**: calcula la salida con `Predict`;
// 2. **error**: acumula la pérdida `loss(y, output)`;
// 3. **hacia atrás**: calcula `grad = lossPrime(y, output)` y lo pasa por las capas en orden inverso con
//    `layer.Backward(grad, learningRate)`, que actualiza los pesos en el acto (descenso de gradiente estocástico con
//    lotes de una muestra).
//
// Argumentos: `network`, `loss`, `lossPrime` (la pérdida y su derivada: en C# se pasan como `Func`, igual que en
// Python se pasan funciones), `xTrain`, `yTrain`, `epochs` (por defecto 1000), `learningRate` (por defecto 0.01) y
// `verbose` (por defecto `true`, imprime `1/100, error=…` en cada época). A diferencia del documento, que devuelve
// `None`, la nuestra devuelve el error medio de cada época, para poder dibujarlo.

// ── celda 12 ──
// Entrena una red neuronal con el algoritmo de retropropagación, muestra a muestra.
//   network: lista de capas; loss, lossPrime: pérdida y su derivada;
//   xTrain, yTrain: entradas y valores verdaderos; epochs: número de épocas;
//   learningRate: tasa de aprendizaje; verbose: imprimir el progreso.
//   Devuelve: el error medio de cada época.
double[] Train(List<Layer> network,
               Func<Matrix<double>, Matrix<double>, double> loss,
               Func<Matrix<double>, Matrix<double>, Matrix<double>> lossPrime,
               Matrix<double>[] xTrain, Matrix<double>[] yTrain,
               int epochs = 1000, double learningRate = 0.01, bool verbose = true)
{
    var errors = new double[epochs];
    for (int e = 0; e < epochs; e++)
    {
        double error = 0;
        foreach (var (x, y) in xTrain.Zip(yTrain))
        {
            // hacia adelante
            var output = Predict(network, x);
            // error
            error += loss(y, output);
            // hacia atrás
            var grad = lossPrime(y, output);
            foreach (var layer in Enumerable.Reverse(network))
                grad = layer.Backward(grad, learningRate);
        }
        error /= xTrain.Length;
        errors[e] = error;
        if (verbose)
            Console.WriteLine(Invariant($"{e + 1}/{epochs}, error={error}"));
    }
    return errors;
}

// ── celda 13 ──
// El clásico problema XOR: la salida es 1 cuando exactamente una de las dos entradas vale 1. Ninguna red sin capa
// oculta puede resolverlo, porque los dos casos que dan 1 no se separan de los otros dos con una recta. Primero
// comprobamos que tu `Train` y el de la biblioteca (`FastTutorial.Train`) dejan los mismos pesos tras 100 épocas:

// ── celda 14 ──
var xs = new[] { Column(0, 0), Column(0, 1), Column(1, 0), Column(1, 1) };
var ys = new[] { Column(0), Column(1), Column(1), Column(0) };

var yourErrors = Train(network, Mse, MsePrime, xs, ys, epochs: 100, learningRate: 0.1,
                       verbose: false);
var fastErrors = FastTutorial.Train(fastNetwork, FastLoss.Mse, FastLoss.MsePrime, xs, ys,
                                    epochs: 100, learningRate: 0.1, verbose: false);

double errors = yourErrors.Zip(fastErrors).Max(p => Math.Abs(p.First - p.Second));
double weights = new[] { 0, 2 }.Max(i => Math.Max(
    MaxDiff(((Dense)network[i]).Weights, ((Fast.Dense<double>)fastNetwork[i]).Weights),
    MaxDiff(((Dense)network[i]).Bias, ((Fast.Dense<double>)fastNetwork[i]).Bias)));
Console.WriteLine(Invariant($"Diferencia máxima con la biblioteca tras 100 épocas: ") +
    Invariant($"errores {errors:g2}, pesos {weights:g2}"));

// ── celda 15 ──
// Ahora entrenamos con tus clases una red nueva, como lo haría el documento: las cinco primeras épocas con la salida
// del documento y 995 más en silencio, guardando el error de cada época para dibujarlo:

// ── celda 16 ──
Rng.Shared.Seed(0);
var xor = new List<Layer> { new Dense(2, 3), new Tanh(), new Dense(3, 1), new Tanh() };

double learningRate = 0.1;
var first = Train(xor, Mse, MsePrime, xs, ys, 5, learningRate, verbose: true);
var rest = Train(xor, Mse, MsePrime, xs, ys, 995, learningRate, verbose: false);
display(Charts.Errors(first.Concat(rest).ToArray()));

// ── celda 17 ──
foreach (var (sample, target) in xs.Zip(ys))
    Console.WriteLine(Invariant($"XOR({sample[0, 0]}, {sample[1, 0]}) = ") +
        Invariant($"{target[0, 0]}   predicción: {Predict(xor, sample)[0, 0]:F3}"));

// ── celda 18 ──
// Con cuatro muestras tu código basta. El experimento del cuaderno 08 entrena la red del documento, 784 → 40 → 10,
// con 1000 imágenes durante 100 épocas: 100 000 pasos hacia adelante y hacia atrás. Medimos cuánto tarda una época
// con 200 imágenes al azar (los tiempos cambian de una ejecución a otra y de una máquina a otra):

// ── celda 19 ──
var noise = Enumerable.Range(0, 200).Select(i => RandomInput(784, 1000 + i)).ToArray();
var targets = noise.Select(x => Matrix<double>.Build.Dense(10, 1, 0.1)).ToArray();

// La red del documento con tus clases y con las de la biblioteca (mismos pesos).
Rng.Shared.Seed(1);
var yours = new List<Layer>
{
    new Dense(784, 40), new Tanh(), new Dense(40, 10), new Tanh(),
};
Rng.Shared.Seed(1);
var library = new List<Fast.Layer<double>>
{
    new Fast.Dense<double>(784, 40), new Fast.Tanh<double>(),
    new Fast.Dense<double>(40, 10), new Fast.Tanh<double>(),
};

var clock = System.Diagnostics.Stopwatch.StartNew();
Train(yours, Mse, MsePrime, noise, targets, epochs: 1, learningRate: 0.1, verbose: false);
double yourSeconds = clock.Elapsed.TotalSeconds;
clock.Restart();
FastTutorial.Train(library, FastLoss.Mse, FastLoss.MsePrime, noise, targets,
                   epochs: 1, learningRate: 0.1, verbose: false);
double librarySeconds = clock.Elapsed.TotalSeconds;

Console.WriteLine(Invariant($"Una época de 200 imágenes: ") +
    Invariant($"tu código {yourSeconds * 1000:F1} ms, ") +
    Invariant($"la biblioteca {librarySeconds * 1000:F1} ms ") +
    Invariant($"({yourSeconds / librarySeconds:F1} veces más rápida)"));
var (yourFirst, libraryFirst) = ((Dense)yours[0], (Fast.Dense<double>)library[0]);
double weightsGap = MaxDiff(yourFirst.Weights, libraryFirst.Weights);
Console.WriteLine(Invariant($"Diferencia máxima entre los pesos tras la época: ") +
    Invariant($"{weightsGap:g2}"));

// ── celda 20 ──
// Las dos hacen las mismas cuentas, pero la biblioteca multiplica matrices con núcleos escritos para ser rápidos, y
// la tuya con el producto de MathNet en C# puro. Por eso los cuadernos 08 y 09 entrenan con la biblioteca: tu código
// sirve para entender y cambiar cada paso; el de la biblioteca, para las ejecuciones largas.
//
// Fíjate en la diferencia entre los pesos: ya no es del orden de $10^{-16}$, como con la red XOR. Las dos redes
// empiezan con los mismos pesos y, tras la primera imagen, solo difieren en el redondeo, porque suman los mismos
// productos en otro orden. Pero esta red, con pesos iniciales de $N(0, 1)$ y 784 entradas, tiene casi todas sus
// `Tanh` saturadas, y en ella una diferencia minúscula en un paso cambia el siguiente un poco más: imagen a imagen,
// la diferencia crece. El cuaderno 08 estudia esta sensibilidad y por qué las cifras del documento no se pueden
// reproducir cifra a cifra.
//
// ### La retropropagación es la regla de la cadena
//
// ¿Por qué funciona que cada capa, en `Backward`, solo mire su propio trozo? La pérdida $L$ es una composición de
// funciones: para una red Dense → Tanh → Dense → Tanh → MSE con una sola neurona por capa,
//
// $$
// z_1 = w_1 x + b_1, \quad a_1 = \tanh z_1, \quad z_2 = w_2 a_1 + b_2, \quad a_2 = \tanh z_2, \quad L = (a_2 - y)^2
// $$
//
// y la **regla de la cadena** dice que la derivada de una composición es el producto de las derivadas de cada paso.
// Por ejemplo, para el primer peso:
//
// $$
// \frac{\partial L}{\partial w_1}
// = \underbrace{\frac{\partial L}{\partial a_2}}_{2(a_2 - y)}
// \cdot \underbrace{\frac{\partial a_2}{\partial z_2}}_{1 - a_2^2}
// \cdot \underbrace{\frac{\partial z_2}{\partial a_1}}_{w_2}
// \cdot \underbrace{\frac{\partial a_1}{\partial z_1}}_{1 - a_1^2}
// \cdot \underbrace{\frac{\partial z_1}{\partial w_1}}_{x}
// $$
//
// Leído de izquierda a derecha, es justo lo que hace `Train`: `MsePrime` da el primer factor; el `Backward` de la
// segunda `Tanh` multiplica por $1 - a_2^2$ (`outputGradient.PointwiseMultiply(…)` en `Activation`); el de la segunda
// `Dense` multiplica por $w_2$ (`Weights.Transpose() * outputGradient`); y así hasta la primera `Dense`, que
// multiplica por $x$ para su propio peso (`outputGradient * Input.Transpose()`). Ninguna capa necesita saber qué hay
// después: recibe $\partial L / \partial(\text{su salida})$ y devuelve $\partial L / \partial(\text{su entrada})$.
//
// El dibujo muestra un ejemplo con números: en azul los valores hacia adelante, en naranja los gradientes hacia atrás.
//
// ![Retropropagación como regla de la cadena: valores hacia adelante y gradientes hacia atrás](../img/backprop-chain-rule.svg)
//
// El mismo ejemplo con tus clases (matrices de 1×1, con los pesos del dibujo). Con tasa de aprendizaje 0, `Backward`
// devuelve el gradiente sin cambiar los pesos:

// ── celda 21 ──
// El ejemplo del dibujo: una neurona por capa, pesos elegidos a mano.
var x = Column(1.0);
var y = Column(1.0);
var dense1 = new Dense(1, 1) { Weights = Column(0.5), Bias = Column(0.1) };
var dense2 = new Dense(1, 1) { Weights = Column(-1.2), Bias = Column(0.3) };
var chain = new List<Layer> { dense1, new Tanh(), dense2, new Tanh() };

// Hacia adelante, capa a capa
var z1 = chain[0].Forward(x);
var a1 = chain[1].Forward(z1);
var z2 = chain[2].Forward(a1);
var a2 = chain[3].Forward(z2);
double loss = Mse(y, a2);

// Hacia atrás: cada Backward multiplica por la derivada de su paso
var dA2 = MsePrime(y, a2);
var dZ2 = chain[3].Backward(dA2, 0);
var dW2 = dZ2 * a1.Transpose();          // lo que la segunda Dense restaría a w₂
var dA1 = chain[2].Backward(dZ2, 0);
var dZ1 = chain[1].Backward(dA1, 0);
var dW1 = dZ1 * x.Transpose();           // lo que la primera Dense restaría a w₁
var dX = chain[0].Backward(dZ1, 0);

// ── celda 22 ──
string F(Matrix<double> m) => m[0, 0].ToString("F3", CultureInfo.InvariantCulture);
Console.WriteLine($"hacia adelante: z₁ = {F(z1)}, a₁ = {F(a1)}");
Console.WriteLine($"                z₂ = {F(z2)}, a₂ = {F(a2)}");
Console.WriteLine(Invariant($"                L = {loss:F3}"));
Console.WriteLine($"hacia atrás:    ∂L/∂a₂ = {F(dA2)}, ∂L/∂z₂ = {F(dZ2)}");
Console.WriteLine($"                ∂L/∂a₁ = {F(dA1)}, ∂L/∂z₁ = {F(dZ1)}");
Console.WriteLine($"                ∂L/∂x = {F(dX)}");
Console.WriteLine($"pesos:          ∂L/∂w₂ = {F(dW2)}, ∂L/∂w₁ = {F(dW1)}");

// ── celda 23 ──
// Son los números del dibujo. La comprobación definitiva vuelve a ser la derivada numérica: movemos $w_1$, $w_2$ y
// $x$ un poco hacia cada lado y miramos cuánto cambia la pérdida, sin usar ningún `Backward`:

// ── celda 24 ──
// Derivada numérica de la pérdida respecto al único elemento de m.
double Numeric(Matrix<double> m)
{
    const double h = 1e-6;
    double v = m[0, 0];
    m[0, 0] = v + h; double plus = Mse(y, Predict(chain, x));
    m[0, 0] = v - h; double minus = Mse(y, Predict(chain, x));
    m[0, 0] = v;
    return (plus - minus) / (2 * h);
}

Console.WriteLine(Invariant($"∂L/∂w₁: regla de la cadena {dW1[0, 0]:F6}, ") +
    Invariant($"numérica {Numeric(dense1.Weights):F6}"));
Console.WriteLine(Invariant($"∂L/∂w₂: regla de la cadena {dW2[0, 0]:F6}, ") +
    Invariant($"numérica {Numeric(dense2.Weights):F6}"));
Console.WriteLine(Invariant($"∂L/∂x:  regla de la cadena {dX[0, 0]:F6}, ") +
    Invariant($"numérica {Numeric(x):F6}"));

// ── celda 25 ──
// Con más neuronas por capa la cuenta es la misma, con matrices: el «multiplicar por $w_2$» se convierte en
// $W_2^T \cdot \partial L / \partial z_2$ y el «multiplicar por $x$» en $\partial L / \partial z_1 \cdot X^T$, las
// dos líneas de `Dense.Backward` del cuaderno 04.
//
// ### Función de Preprocesamiento de Datos (`preprocess_data`)
//
// Preprocesa los datos de MNIST, transformando las imágenes y las etiquetas para su uso en la red neuronal:
//
// - **`x`**: imágenes (bytes de 0 a 255); cada una se aplana en un vector columna de $28 \cdot 28 = 784$ valores y se
//   divide por 255 para dejarla en $[0, 1]$ (como el documento, la división se hace en `float`, el `float32` de NumPy).
// - **`y`**: etiquetas (números del 0 al 9); cada una se codifica en un vector columna *one-hot* de tamaño 10: ceros y
//   un 1 en la posición de la etiqueta.
// - **`limit`**: número de muestras a preprocesar (las primeras).
// - **Devuelve**: dos arreglos de matrices, entradas y etiquetas codificadas.
//
// `to_categorical` de Keras hace la codificación *one-hot*; en C# es una función de cinco líneas:

// ── celda 26 ──
// Codifica una etiqueta como vector one-hot: numClasses × 1, con un 1 en su posición.
Matrix<double> ToCategorical(int label, int numClasses)
{
    if (label < 0 || label >= numClasses)
        throw new ArgumentException(
            $"La etiqueta {label} no está entre 0 y {numClasses - 1}.");
    var oneHot = Matrix<double>.Build.Dense(numClasses, 1);
    oneHot[label, 0] = 1;
    return oneHot;
}

// Preprocesa los datos de MNIST para la red neuronal.
//   x: imágenes; y: etiquetas (0 a 9); limit: número de muestras (las primeras).
//   Devuelve: las entradas preprocesadas y las etiquetas codificadas.
(Matrix<double>[] X, Matrix<double>[] Y) PreprocessData(MnistImages x, byte[] y,
                                                         int limit)
{
    int n = Math.Min(limit, x.Count);
    var xs = new Matrix<double>[n];
    var ys = new Matrix<double>[n];
    for (int i = 0; i < n; i++)
    {
        // Reorganiza y normaliza la entrada: 28 × 28 bytes → una columna de 784 en [0, 1]
        var pixels = x[i].ToArray().Select(p => (double)(p / 255f)).ToArray();
        xs[i] = Matrix<double>.Build.Dense(28 * 28, 1, pixels);
        // Codifica la salida (números del 0 al 9) en un vector de tamaño 10
        ys[i] = ToCategorical(y[i], 10);
    }
    return (xs, ys);
}

// ── celda 27 ──
var ((trainImages, trainLabels), _) = Mnist.Load();
var (x5, y5) = PreprocessData(trainImages, trainLabels, 5);

var (image, label) = (x5[0], y5[0]);
Console.WriteLine(Invariant($"x: {x5.Length} matrices de {image.RowCount}×1, ") +
    Invariant($"valores en [{image.Enumerate().Min()}, {image.Enumerate().Max()}]"));
Console.WriteLine(Invariant($"y: {y5.Length} matrices de {label.RowCount}×1"));
for (int i = 0; i < y5.Length; i++)
{
    var digits = y5[i].Column(0).Select(v => v.ToString(CultureInfo.InvariantCulture));
    string oneHot = string.Join(", ", digits);
    Console.WriteLine(Invariant($"  etiqueta {trainLabels[i]} → [{oneHot}]"));
}

var (yourImages, yourLabels) = PreprocessData(trainImages, trainLabels, 1000);
var (fastImages, fastLabels) = FastData.PreprocessData(trainImages, trainLabels, 1000);
double dataDifference = Enumerable.Range(0, 1000).Max(i =>
    Math.Max(MaxDiff(yourImages[i], fastImages[i]),
             MaxDiff(yourLabels[i], fastLabels[i])));
Console.WriteLine(Invariant($"Diferencia máxima con la biblioteca en 1000 imágenes: ") +
    Invariant($"{dataDifference:g2}"));

// ── celda 28 ──
// **Corrección al documento: `to_categorical` sin número de clases.** El documento llama a
// `np_utils.to_categorical(y)` sin indicar cuántas clases hay, y Keras las deduce como `max(y) + 1`. Con el MNIST
// completo funciona por casualidad (aparece el 9), pero con un subconjunto que no contenga nueves produciría vectores
// de 9 valores y el `reshape(…, 10, 1)` siguiente fallaría. Además, `preprocess_data` codifica las 60 000 etiquetas
// antes de quedarse con las `limit` primeras. Tu `ToCategorical` recibe el número de clases, `PreprocessData` solo
// procesa las muestras que devuelve, y una etiqueta fuera de rango da un error claro:

// ── celda 29 ──
try
{
    ToCategorical(12, 10);
}
catch (ArgumentException e)
{
    Console.WriteLine(e.Message);
}

// ── celda 30 ──
// ## Prueba esto
//
// 1. **La tasa de aprendizaje.** En la celda que entrena la red `xor`, cambia `double learningRate = 0.1;` por
//    `0.01`, ejecútala con la siguiente; después prueba con `1.0`. ¿Cómo cambian la curva de error y las
//    predicciones?
//
//    <details>
//    <summary>Solución</summary>
//
//    Con `0.01` cada paso es diez veces más corto: la curva baja mucho más despacio y, con la semilla 0, tras 1000
//    épocas la red todavía no ha resuelto XOR (alguna predicción queda lejos de 0 o de 1; con más épocas acabaría
//    por llegar). Con `1.0` los pasos son tan largos que la red no aprende: el error se queda alto y las salidas se
//    pegan a 1, donde `Tanh` está saturada. La tasa de aprendizaje es el primer hiperparámetro que hay que ajustar.
//
//    </details>
//
// 2. **ReLU en la capa oculta.** Copia la clase `ReLU` del cuaderno 05 en una celda nueva, ejecútala y cambia el
//    primer `new Tanh()` de la red `xor` por `new ReLU()`. ¿Aprende la red?
//
//    <details>
//    <summary>Solución</summary>
//
//    ```csharp
//    public class ReLU : Activation
//    {
//        public ReLU() : base(x => Math.Max(0, x), x => x > 0 ? 1 : 0) { }
//    }
//    ```
//
//    y `new List<Layer> { new Dense(2, 3), new ReLU(), new Dense(3, 1), new Tanh() }`. `Train` no cambia: solo
//    conoce `Forward` y `Backward`. Con la semilla 0 la red aprende XOR; prueba ahora las semillas 1, 2 y 3 en
//    `Rng.Shared.Seed(…)`: con solo tres neuronas ocultas, si una neurona ReLU recibe una entrada negativa para las
//    cuatro muestras su derivada es 0, deja de aprender («muere») y la red no resuelve XOR. Con más neuronas,
//    `new Dense(2, 8)` y `new Dense(8, 1)`, es mucho menos probable.
//
//    </details>
//
// 3. **Una neurona saturada.** En el ejemplo de la regla de la cadena, cambia el peso de `dense1` de `0.5` a `3.0`,
//    ejecuta sus tres celdas y mira $\partial L / \partial w_1$. ¿Por qué es tan pequeño?
//
//    <details>
//    <summary>Solución</summary>
//
//    Con $w_1 = 3$, $z_1 = 3.1$ y $a_1 = \tanh 3.1$ está muy cerca de 1, así que el factor $1 - a_1^2$ de la cadena
//    es casi 0 y anula todo el producto: la neurona está saturada y su peso apenas aprende, aunque la pérdida siga
//    siendo grande. La derivada numérica coincide igual: no es un error, es la razón por la que los pesos iniciales
//    de $N(0, 1)$ del documento, con 784 entradas, aprenden mal (cuaderno 08).
//
//    </details>

// ── celda 31 ──
// ---
//
// [← 06 · Funciones de pérdida](06-Perdidas.ipynb) | [Índice de la serie](README.md) | [08 · Experimento con MNIST →](08-Experimento-MNIST.ipynb)

NotebookNet.Interactive.NotebookApp.End();

// ── tipos declarados en las celdas ──
// Clase base de todas las capas: guarda su entrada y su salida y define los dos pases.
public class Layer
{
    public Matrix<double> Input { get; set; }
    public Matrix<double> Output { get; set; }

    // Pase hacia adelante: calcula la salida a partir de la entrada.
    public virtual Matrix<double> Forward(Matrix<double> input) => null;

    // Pase hacia atrás: recibe ∂L/∂salida, actualiza los parámetros
    // y devuelve ∂L/∂entrada.
    public virtual Matrix<double> Backward(Matrix<double> outputGradient,
                                           double learningRate) => null;
}
// Lo que el documento usa de NumPy y MathNet no tiene.
public static class NumPy
{
    // np.random.randn(rows, columns): normales N(0, 1), sacadas fila a fila como NumPy.
    public static Matrix<double> Randn(int rows, int columns)
    {
        var m = Matrix<double>.Build.Dense(rows, columns);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) m[i, j] = Rng.Shared.NextGaussian();
        return m;
    }
}
// Capa totalmente conectada: salida = W · X + b.
public class Dense : Layer
{
    public Matrix<double> Weights;   // (outputSize, inputSize)
    public Matrix<double> Bias;      // (outputSize, 1)

    public Dense(int inputSize, int outputSize)
    {
        Weights = NumPy.Randn(outputSize, inputSize);
        Bias = NumPy.Randn(outputSize, 1);
    }

    public override Matrix<double> Forward(Matrix<double> input)
    {
        Input = input;
        return Weights * Input + Bias;
    }

    public override Matrix<double> Backward(Matrix<double> outputGradient,
                                            double learningRate)
    {
        var weightsGradient = outputGradient * Input.Transpose();
        var inputGradient = Weights.Transpose() * outputGradient;
        Weights -= learningRate * weightsGradient;
        Bias -= learningRate * outputGradient;
        return inputGradient;
    }
}
// Capa de activación: aplica una función a cada elemento y, hacia atrás, su derivada.
public class Activation : Layer
{
    Func<double, double> activation, activationPrime;

    public Activation(Func<double, double> activation,
                      Func<double, double> activationPrime)
    {
        this.activation = activation;
        this.activationPrime = activationPrime;
    }

    public override Matrix<double> Forward(Matrix<double> input)
    {
        Input = input;
        return Input.Map(activation);
    }

    public override Matrix<double> Backward(Matrix<double> outputGradient,
                                            double learningRate)
        => outputGradient.PointwiseMultiply(Input.Map(activationPrime));
}
// Tangente hiperbólica: tanh(x), con derivada 1 − tanh²(x).
public class Tanh : Activation
{
    public Tanh() : base(
        x => Math.Tanh(x),
        x => 1 - Math.Pow(Math.Tanh(x), 2))
    { }
}
