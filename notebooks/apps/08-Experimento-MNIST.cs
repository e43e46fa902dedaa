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
//   1000 imágenes y probarla.
// - A leer la curva de error del entrenamiento en una gráfica en lugar de 100 líneas de texto.
// - A evaluar la red en las **10 000** imágenes de prueba (el documento solo mira 20) y a interpretar el resultado.

// ── celda 2 ──
NotebookDisplay.Register();

// ── celda 3 ──
// ## Carga y Preprocesamiento de Datos MNIST
//
// Como en el documento: se cargan las 70 000 imágenes, se preprocesan las **1000 primeras de entrenamiento** y las
// **20 primeras de prueba** (vectores columna de 784 valores en $[0, 1]$ y etiquetas *one-hot* de 10 valores).

// ── celda 4 ──
var ((trainImages, trainLabels), (testImages, testLabels)) = Mnist.Load();
var (xTrain, yTrain) = Preprocessing.PreprocessData(trainImages, trainLabels, 1000);
var (xTest, yTest) = Preprocessing.PreprocessData(testImages, testLabels, 20);

display(Invariant($"x_train: {xTrain.Length} × ({xTrain[0].RowCount}, {xTrain[0].ColumnCount})   ") +
    Invariant($"y_train: {yTrain.Length} × ({yTrain[0].RowCount}, {yTrain[0].ColumnCount})   x_test: {xTest.Length}"));

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

display(string.Join(" → ", network.Select(l => l.Name)) +
    Invariant($"   ({network.Sum(l => l.Parameters.Sum(p => p.Value.RowCount * p.Value.ColumnCount))} parámetros)"));

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
// Veinte imágenes son muy pocas para medir nada: un acierto más o menos cambia la precisión en 5 puntos. Evaluamos la
// red en las **10 000** imágenes de prueba:

// ── celda 15 ──
var (xAll, yAll) = Preprocessing.PreprocessData(testImages, testLabels, testImages.Count);
var predictions = xAll.Select(x => ArgMax(Predict(network, x))).ToArray();
int correct = predictions.Where((p, i) => p == testLabels[i]).Count();
double testAccuracy = correct / (double)xAll.Length;

display(Invariant($"Precisión en las {xAll.Length} imágenes de prueba: {correct} aciertos, {testAccuracy:P1}"));

// ── celda 16 ──
// Algo más de la mitad de los dígitos bien clasificados, muy lejos del ~98 % habitual en MNIST. La cifra depende mucho
// de los pesos iniciales: con otras semillas esta misma red da entre el 40 % y el 60 % aproximadamente, y hasta el
// orden en que se suman los productos en coma flotante la cambia en varios puntos. Las razones:
//
// - **Pocos datos:** se entrena con 1000 de las 60 000 imágenes.
// - **Inicialización $N(0, 1)$:** con 784 entradas, las sumas de la primera capa tienen desviación típica de decenas y
//   la mayoría de las neuronas `Tanh` empiezan saturadas (derivada casi nula).
// - **MSE sobre `Tanh`** en lugar de softmax con entropía cruzada, que da gradientes más útiles en clasificación.
// - **Una red densa**, que no aprovecha la estructura espacial de la imagen.
//
// El cuaderno 09 ataca todas a la vez con una red convolucional entrenada con las 60 000 imágenes.
//
// La matriz de confusión muestra qué dígitos confunde (fila: dígito verdadero; columna: predicción):

// ── celda 17 ──
var confusion = new int[10, 10];
for (int i = 0; i < predictions.Length; i++) confusion[testLabels[i], predictions[i]]++;
display(Views.Confusion(confusion));

// ── celda 18 ──
// ### Resultados comprobables
//
// Las cifras de este cuaderno en formato `nombre=valor` invariante; las pruebas automáticas del proyecto las leen
// (el error debe bajar y la precisión en prueba estar entre el 45 % y el 75 %).

// ── celda 19 ──
NotebookResults.Record("dense.error.first", errors[0]);
NotebookResults.Record("dense.error.last", errors[^1]);
NotebookResults.Record("dense.test.accuracy", testAccuracy);
NotebookResults.Record("dense.train.seconds", clock.Elapsed.TotalSeconds);

// ── celda 20 ──
// ---
//
// [← 07 · Predicción y entrenamiento](07-Prediccion-y-Entrenamiento.ipynb) | [Índice de la serie](README.md) | [09 · Red convolucional →](09-Red-Convolucional.ipynb)

NotebookNet.Interactive.NotebookApp.End();
