// 08-Experimento-MNIST.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/08-Experimento-MNIST.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Diagnostics;
using System.Globalization;
using System.IO;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet;
using NotebookNet.Data;
using NotebookNet.Evaluation;
using NotebookNet.Layers;
using NotebookNet.Losses;
using NotebookNet.Interactive;
using static NotebookNet.Training.Tutorial;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 08 · Experimento con MNIST
//
// ## Lo que aprenderás
//
// - A reproducir el experimento del documento: cargar MNIST, definir la red `784 → 40 → 10`, entrenarla 100 épocas con
//   1000 imágenes y probarla, con las mismas celdas que el documento.
// - A leer la curva de error del entrenamiento en una gráfica en lugar de 100 líneas de texto.
// - A evaluar la red en las **10 000** imágenes de prueba (el documento solo mira 20) y a interpretar el resultado.
// - Por qué las cifras del documento no se pueden reproducir dígito a dígito: mover **un solo peso** en la última
//   cifra decimal cambia el resultado final, y una buena inicialización lo arregla en gran parte.

// ── celda 2 ──
NotebookDisplay.Register();

// ── celda 3 ──
// En los cuadernos 04 a 07 escribiste `Dense`, `Tanh`, `mse`, `predict` y `train` tú mismo, con MathNet, y
// comprobaste que las clases de la biblioteca calculan lo mismo. Aquí el experimento completo usa las de la biblioteca
// (`Dense<double>`, `Tanh<double>`, `Loss.Mse`, `Train`, `Predict`): son la misma aritmética en `double`, con el mismo
// generador de números aleatorios, pero sus productos de matrices usan instrucciones SIMD en lugar del producto
// genérico de MathNet, que recorre los números uno a uno. Este cuaderno entrena la red tres veces, así que la
// diferencia se nota.
//
// ## Carga y Preprocesamiento de Datos MNIST
//
// Como en el documento: se cargan las 70 000 imágenes, se preprocesan las **1000 primeras de entrenamiento** y las
// **20 primeras de prueba** (vectores columna de 784 valores en $[0, 1]$ y etiquetas *one-hot* de 10 valores).

// ── celda 4 ──
var ((trainImages, trainLabels), (testImages, testLabels)) = Mnist.Load();
var (xTrain, yTrain) = Preprocessing.PreprocessData(trainImages, trainLabels, 1000);
var (xTest, yTest) = Preprocessing.PreprocessData(testImages, testLabels, 20);

string Shape(Matrix<double>[] m) =>
    Invariant($"{m.Length} × ({m[0].RowCount}, {m[0].ColumnCount})");
display(Invariant($"x_train: {Shape(xTrain)}   y_train: {Shape(yTrain)}   x_test: {xTest.Length}"));

// ── celda 5 ──
// ## Definición de la Arquitectura de la Red Neuronal
//
// La red del documento: una capa densa de 784 a 40 neuronas, `Tanh`, una capa densa de 40 a 10 y otra `Tanh`. Las diez
// salidas (en $(-1, 1)$) se comparan con el vector *one-hot* de la etiqueta, y la clase predicha es la salida mayor.
//
// ![Red densa 784 → 40 → 10](../img/dense-network.svg)
//
// **Corrección al documento.** Esta red es un **perceptrón multicapa** (red densa), no una red convolucional: trata la
// imagen como una lista de 784 números y no sabe qué píxeles son vecinos. La red convolucional está en el cuaderno 09.
//
// El documento no fija la semilla, así que cada ejecución suya da otros pesos y otros resultados. Aquí fijamos la
// semilla del generador (el mismo algoritmo que `np.random`): cada ejecución del cuaderno da exactamente las mismas
// cifras. Los pesos se inicializan como en el documento, con $N(0, 1)$.

// ── celda 6 ──
Rng.Shared.Seed(2);   // np.random.seed(2): resultados reproducibles

var network = new List<Layer<double>>
{
    new Dense<double>(28 * 28, 40),
    new Tanh<double>(),
    new Dense<double>(40, 10),
    new Tanh<double>(),
};

int parameters = network.SelectMany(l => l.Parameters)
    .Sum(p => p.Value.RowCount * p.Value.ColumnCount);
NotebookResults.Record("dense.parameters", parameters);
display(string.Join(" → ", network.Select(l => l.Name)) +
    Invariant($"   ({parameters} parámetros)"));

// ── celda 7 ──
// ## Entrenamiento de la Red Neuronal
//
// `train(network, mse, mse_prime, x_train, y_train, epochs=100, learning_rate=0.1)`: 100 épocas sobre las 1000
// imágenes, una a una (100 000 pasos de descenso de gradiente), con el error cuadrático medio. El documento imprime una
// línea por época; aquí las guardamos en un `StringWriter` para mostrar la curva completa en una gráfica y, debajo,
// las primeras y últimas líneas con el mismo formato que el documento.

// ── celda 8 ──
var log = new StringWriter(CultureInfo.InvariantCulture);
var clock = Stopwatch.StartNew();
var errors = Train(network, Loss.Mse, Loss.MsePrime, xTrain, yTrain,
                   epochs: 100, learningRate: 0.1, verbose: true, log: log);
clock.Stop();
NotebookResults.Record("dense.error.first", errors[0]);
NotebookResults.Record("dense.error.last", errors[^1]);
NotebookResults.Record("dense.train.seconds", clock.Elapsed.TotalSeconds);

display(Charts.Errors(errors));

// ── celda 9 ──
var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
foreach (var line in lines.Take(10)) Console.WriteLine(line);
Console.WriteLine(Invariant($"… ({lines.Length - 15} líneas más) …"));
foreach (var line in lines.TakeLast(5)) Console.WriteLine(line);
Console.WriteLine();
Console.WriteLine(Invariant($"Entrenamiento: {clock.Elapsed.TotalSeconds:F1} s"));

// ── celda 10 ──
// El error cae deprisa en las primeras épocas y luego sigue bajando despacio, como en el documento
// (`1/100, error=0.8727…`, `10/100, error=0.1332…`, `30/100, error=0.0915…`, donde se corta su salida). Como las
// cifras dependen de los pesos iniciales y el documento no fijó la semilla, las nuestras no coinciden una a una con
// las suyas, pero la forma de la curva es la misma.
//
// ## Prueba de la Red Neuronal
//
// El documento recorre las 20 imágenes de prueba e imprime la predicción y la etiqueta verdadera de cada una:

// ── celda 11 ──
foreach (var (x, y) in xTest.Zip(yTest))
{
    var output = Predict(network, x);
    Console.WriteLine(FormatPrediction(ArgMax(output), ArgMax(y)));
}

// ── celda 12 ──
// Las mismas 20 imágenes, con la predicción y la etiqueta verdadera bajo cada dígito (en rojo los errores):

// ── celda 13 ──
var first20 = Enumerable.Range(0, 20).ToArray();
var predicted20 = xTest.Select(x => ArgMax(Predict(network, x))).ToArray();
display(Digits.Grid(new MnistSet(testImages, testLabels), first20, predicted20));

// ── celda 14 ──
// Veinte imágenes son muy pocas para medir nada: un acierto más o menos cambia la exactitud en 5 puntos. Evaluamos la
// red en las **10 000** imágenes de prueba:

// ── celda 15 ──
var (xAll, yAll) = Preprocessing.PreprocessData(testImages, testLabels, testImages.Count);

// La exactitud de una red en las 10 000 imágenes de prueba: la parte de aciertos.
double Accuracy(List<Layer<double>> net) =>
    xAll.Where((x, i) => ArgMax(Predict(net, x)) == testLabels[i]).Count()
        / (double)xAll.Length;

double testAccuracy = Accuracy(network);
NotebookResults.Record("dense.test.accuracy", testAccuracy);
display(Invariant($"Exactitud en las {xAll.Length} imágenes de prueba: {testAccuracy:P2}"));

// ── celda 16 ──
// Muy lejos de lo que consigue en MNIST cualquier red convolucional (el cuaderno 09 pasa del 98 %). Las razones, que
// valen para cualquier semilla:
//
// - **Pocos datos:** se entrena con 1000 de las 60 000 imágenes.
// - **Inicialización $N(0, 1)$:** con 784 entradas, las sumas de la primera capa tienen desviación típica de decenas y
//   la mayoría de las neuronas `Tanh` empiezan saturadas (derivada casi nula).
// - **MSE sobre `Tanh`** en lugar de softmax con entropía cruzada, que da gradientes más útiles en clasificación.
// - **Una red densa**, que no aprovecha la estructura espacial de la imagen.
//
// La matriz de confusión muestra qué dígitos confunde (fila: dígito verdadero; columna: predicción):

// ── celda 17 ──
var predictions = xAll.Select(x => ArgMax(Predict(network, x))).ToArray();
var truth = testLabels.Select(l => (int)l).ToArray();
display(Views.Confusion(ConfusionMatrix.From(truth, predictions)));

// ── celda 18 ──
// ### Dibuja un dígito
//
// El panel lleva dentro los pesos de la red que acabas de entrenar y la calcula en la propia página, sin el kernel:
// dibuja un dígito con el ratón, el dedo o el lápiz y mira qué responde. Tu dibujo se convierte en la entrada de 784
// píxeles como se hicieron los dígitos de MNIST (recuadro escalado a 20×20 conservando la proporción, centrado en 28×28
// por su centro de masa). Las barras son las diez salidas de la última `Tanh`, entre −1 y 1: la red se entrenó con el
// error cuadrático para acercarlas al vector *one-hot*, así que no son probabilidades; gana la mayor. Con solo 1 000
// imágenes de entrenamiento, se equivoca a menudo.

// ── celda 19 ──
display(Views.DrawingPad(network, "La red del documento: dibuja un dígito"));

// ── celda 20 ──
// ## Un ulp cambia el resultado: por qué las cifras del documento no se reproducen
//
// Un `double` tiene unas 16 cifras significativas; el **ulp** (*unit in the last place*) de un número es la distancia
// al siguiente `double`. `Math.BitIncrement(w)` devuelve ese siguiente número: para un peso cercano a 1, $w$ cambia en
// unas $2 \cdot 10^{-16}$ partes. Repetimos el experimento entero, con la misma semilla y los mismos datos, moviendo
// **un solo peso** de los 31 810 un ulp antes de entrenar:

// ── celda 21 ──
// La red del documento, con los pesos iniciales de init.
List<Layer<double>> DocumentNetwork(Init init) => new()
{
    new Dense<double>(28 * 28, 40, init), new Tanh<double>(),
    new Dense<double>(40, 10, init), new Tanh<double>(),
};

// El experimento completo con la semilla 2; change modifica la red antes de entrenar.
(double[] Errors, double Accuracy) Experiment(Init init,
    Action<List<Layer<double>>> change = null)
{
    Rng.Shared.Seed(2);
    var net = DocumentNetwork(init);
    change?.Invoke(net);
    var errors = Train(net, Loss.Mse, Loss.MsePrime, xTrain, yTrain,
                       epochs: 100, learningRate: 0.1, verbose: false);
    return (errors, Accuracy(net));
}

// Mueve al double siguiente (un ulp más) el peso que une el píxel central (fila 14,
// columna 14) con la neurona 0. Uno de una esquina no cambiaría nada: allí el píxel
// vale 0 en todas las imágenes, así que ese peso ni cuenta ni aprende.
void Nudge(List<Layer<double>> net)
{
    var w = ((Dense<double>)net[0]).Weights;
    int center = 14 * 28 + 14;
    w[0, center] = Math.BitIncrement(w[0, center]);
}

var nudged = Experiment(Init.StandardNormal, Nudge);
NotebookResults.Record("dense.nudged.error.last", nudged.Errors[^1]);
NotebookResults.Record("dense.nudged.test.accuracy", nudged.Accuracy);

Console.WriteLine(Invariant($"Exactitud en prueba: original {testAccuracy:P2}, ") +
    Invariant($"con un peso movido un ulp {nudged.Accuracy:P2}"));
int apart = Enumerable.Range(0, errors.Length)
    .FirstOrDefault(e => errors[e] != nudged.Errors[e], -1);
if (apart >= 0)
    Console.WriteLine(Invariant($"Primera época distinta, la {apart + 1}: ") +
        Invariant($"error {errors[apart]:R} frente a {nudged.Errors[apart]:R}"));
Console.WriteLine(Invariant($"Error final: {errors[^1]:F6} ") +
    Invariant($"frente a {nudged.Errors[^1]:F6}"));

// ── celda 22 ──
display(Charts.Lines("Error por época: la red original y la de un peso movido un ulp",
    "época", "error", ("original", errors), ("un peso + 1 ulp", nudged.Errors)));

// ── celda 23 ──
// La diferencia empieza en las últimas cifras del error de una de las primeras épocas (la salida de arriba dice cuál)
// y **crece**: las curvas se separan a la vista y la exactitud final cambia. No es un fallo del programa: esta red, con pesos $N(0, 1)$ que saturan `Tanh` y un paso
// de descenso por imagen, es **caótica**: cada paso amplifica las diferencias pequeñas, como el tiempo atmosférico.
// Lo mismo ocurre si se cambia el orden en que se suman los productos (otra versión de NumPy, otra CPU, otra
// biblioteca): el documento, sin semilla y en otra máquina, no podía dar las mismas cifras que nosotros. Lo que sí se
// reproduce es lo que no depende de esos detalles: la forma de la curva y una exactitud muy por debajo de la de la CNN.
//
// ### La inicialización de Glorot
//
// El remedio es no saturar `Tanh` desde el principio. La **inicialización de Glorot** (Glorot y Bengio, 2010) elige los
// pesos en $U\!\left(\pm\sqrt{6 / (n_{\text{entrada}} + n_{\text{salida}})}\right)$, de modo que la varianza de las
// sumas no crece con el número de entradas: para la primera capa, $\pm 0.085$ en lugar de la desviación típica 1 de
// $N(0, 1)$. Las neuronas empiezan en la zona en que `Tanh` tiene pendiente, y el descenso de gradiente avanza. Es
// una línea: `new Dense<double>(28 * 28, 40, Init.GlorotUniform)`. Entrenamos así la red original y la del peso
// movido:

// ── celda 24 ──
var glorot = Experiment(Init.GlorotUniform);
var glorotNudged = Experiment(Init.GlorotUniform, Nudge);
NotebookResults.Record("dense.glorot.test.accuracy", glorot.Accuracy);
NotebookResults.Record("dense.glorot.nudged.test.accuracy", glorotNudged.Accuracy);

Console.WriteLine(Invariant($"Exactitud en prueba, original y con un peso + 1 ulp:"));
Console.WriteLine(Invariant($"  N(0, 1): {testAccuracy:P2} y {nudged.Accuracy:P2}"));
Console.WriteLine(Invariant($"  Glorot:  {glorot.Accuracy:P2} y ") +
    Invariant($"{glorotNudged.Accuracy:P2}"));
display(Charts.Lines("Error de entrenamiento por época según la inicialización", "época", "error",
    ("N(0, 1)", errors), ("N(0, 1), un peso + 1 ulp", nudged.Errors),
    ("Glorot", glorot.Errors), ("Glorot, un peso + 1 ulp", glorotNudged.Errors)));

// ── celda 25 ──
// Con Glorot la red aprende mejor (el error baja más y la exactitud sube) y es mucho menos sensible: el mismo peso
// movido un ulp apenas cambia la exactitud. Las cifras exactas de cada ejecución siguen sin ser un dato del problema,
// pero ya no dependen tanto del azar. La red sigue limitada por las otras tres razones de arriba; la red convolucional
// del cuaderno 09 las resuelve.
//
// ## Prueba esto
//
// **1. Otra semilla.** Cambia `Rng.Shared.Seed(2)` por `Rng.Shared.Seed(3)` en la celda de la red y en `Experiment`
// y vuelve a ejecutar el cuaderno. ¿Cambia mucho la exactitud con $N(0, 1)$? ¿Y con Glorot?
//
// <details>
// <summary>Solución</summary>
//
// Con $N(0, 1)$ la exactitud cambia varios puntos de una semilla a otra: el mismo caos que con el ulp, ahora en todos
// los pesos a la vez. Con Glorot cambia mucho menos. Por eso un resultado de una sola ejecución sin semilla, como el del
// documento, no basta para comparar dos redes.
//
// </details>
//
// **2. Tasa de aprendizaje.** En la celda de entrenamiento, prueba `learningRate: 0.01` y `learningRate: 1.0`.
// Observa la curva de error y la exactitud en prueba.
//
// <details>
// <summary>Solución</summary>
//
// Con 0.01 los pasos son diez veces más cortos: el error baja mucho más despacio y en 100 épocas la red aprende menos.
// Con 1.0 los pasos son tan largos que las neuronas `Tanh` se saturan del todo: el error se estanca alto o salta de
// época en época, y la exactitud cae. 0.1 es un compromiso.
//
// </details>
//
// **3. Más datos.** En la carga, pasa de 1000 a 5000 imágenes de entrenamiento
// (`Preprocessing.PreprocessData(trainImages, trainLabels, 5000)`) y ejecuta de nuevo (tardará unas cinco veces más).
//
// <details>
// <summary>Solución</summary>
//
// La exactitud en prueba sube: con más ejemplos de cada dígito la red generaliza mejor. Es la primera de las cuatro
// razones de arriba; la CNN del cuaderno 09 usa las 60 000.
//
// </details>

// ── celda 26 ──
// ---
//
// [← 07 · Predicción y entrenamiento](07-Prediccion-y-Entrenamiento.ipynb) | [Índice de la serie](README.md) | [09 · Red convolucional →](09-Red-Convolucional.ipynb)

NotebookNet.Interactive.NotebookApp.End();
