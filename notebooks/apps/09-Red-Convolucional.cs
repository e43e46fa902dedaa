// 09-Red-Convolucional.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/09-Red-Convolucional.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet;
using NotebookNet.Data;
using NotebookNet.Evaluation;
using NotebookNet.Optimizers;
using NotebookNet.Training;
using NotebookNet.Interactive;
using Fast = NotebookNet.Layers;
using static System.FormattableString;
using NotebookNet.Drawing;
using System.IO;
using NotebookNet.Onnx;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 09 · Red convolucional
//
// ## Lo que aprenderás
//
// - Qué es una convolución y qué es el *pooling*, escritos tú mismo con bucles en unas pocas líneas y comprobados contra
//   las capas rápidas de la biblioteca.
// - Cómo se retropropaga el gradiente a través de una convolución (una correlación y una convolución completa) y cómo
//   comprobarlo con un gradiente numérico.
// - La arquitectura de una red convolucional pequeña, capa a capa, y cuántos parámetros tiene.
// - A entrenarla varias épocas con minilotes, entropía cruzada y SGD con momento, apartando un conjunto de validación y
//   viendo en vivo el error de entrenamiento y la exactitud de validación.
// - A evaluarla en las 10 000 imágenes de prueba: exactitud, matriz de confusión y los errores de los que estaba más
//   segura.

// ── celda 2 ──
NotebookDisplay.Register();

// ── celda 3 ──
// ## La red convolucional que promete el documento
//
// El documento anuncia «capas convolucionales, de *pooling* y completamente conectadas», pero su red solo tiene capas
// densas (cuaderno 08). Una capa densa conecta cada píxel con cada neurona y no sabe que dos píxeles son vecinos; si el
// dígito se desplaza un píxel, para ella es otra entrada. Una **red convolucional (CNN)** aprovecha la estructura de la
// imagen con dos ideas:
//
// - **Conectividad local y pesos compartidos:** cada neurona mira solo un vecindario pequeño (por ejemplo 3×3), y el
//   mismo núcleo de pesos se aplica en todas las posiciones. Detecta el mismo trazo esté donde esté y usa muchísimos
//   menos parámetros.
// - ***Pooling*:** resume cada zona con su valor máximo, reduciendo el tamaño y tolerando pequeños desplazamientos.
//
// Como en los cuadernos anteriores, primero escribimos cada capa nosotros, en `double` y con MathNet, de la forma más
// legible; después comprobamos que la capa rápida de la biblioteca (`Fast.Convolutional`, `Fast.MaxPooling`) calcula lo
// mismo, y es esa la que entrena la red con las 60 000 imágenes.

// ── celda 4 ──
var (train, test) = Mnist.Load();
display(Invariant($"Entrenamiento: {train.Count} imágenes; prueba: {test.Count} imágenes"));

// ── celda 5 ──
// ## Convolución
//
// Una capa convolucional desliza cada núcleo $K$ de $k \times k$ pesos sobre la imagen y, en cada posición, calcula la
// suma de los productos elemento a elemento más un sesgo. Con $C$ canales de entrada, el mapa de salida $f$ es
//
// $$
// Y_f(i, j) = b_f + \sum_{c=1}^{C} \sum_{u=0}^{k-1} \sum_{v=0}^{k-1} K_{f,c}(u, v)\, X_c(i + u,\, j + v)
// $$
//
// y sin relleno (*padding*) una entrada de $H \times W$ da una salida de $(H - k + 1) \times (W - k + 1)$: de 28×28 a
// 26×26 con núcleos de 3×3. La suma doble sobre $u, v$ es una **correlación cruzada** «válida» (el núcleo no se sale de
// la imagen), que escribimos $X_c \star K_{f,c}$. (Como todas las bibliotecas de aprendizaje profundo, la llamamos
// convolución aunque el núcleo no se voltea: como los pesos se aprenden, da igual.)
//
// ![Convolución](../img/convolution.svg)
//
// La traducción directa: `Correlate` recorre las posiciones y suma la ventana multiplicada por el núcleo;
// `Convolutional` guarda un núcleo por cada par (núcleo $f$, canal $c$) y un sesgo por núcleo. Una imagen de $C$ canales
// es un arreglo de $C$ matrices.

// ── celda 6 ──

// ── celda 7 ──
// Para compararla con la biblioteca hace falta pasar de un formato a otro: la biblioteca guarda una imagen de $C$
// canales como **una columna** (canal a canal, fila a fila: el orden CHW de NumPy), y cada núcleo como una fila de su
// matriz `Weights`.

// ── celda 8 ──
// De C mapas h×w a una columna CHW (la de la biblioteca), y de vuelta.
Matrix<double> ToColumn(Matrix<double>[] maps) =>
    Matrix<double>.Build.DenseOfColumnArrays(
        maps.SelectMany(m => m.ToRowMajorArray()).ToArray());

Matrix<double>[] ToMaps(Matrix<double> column, int depth, int h, int w) =>
    Enumerable.Range(0, depth)
        .Select(c => Matrix<double>.Build.Dense(h, w,
            (i, j) => column[(c * h + i) * w + j, 0]))
        .ToArray();

// Mapas h×w con valores de N(0, 1).
Matrix<double>[] RandomMaps(int depth, int h, int w) =>
    Enumerable.Range(0, depth)
        .Select(_ => Matrix<double>.Build.Dense(h, w,
            (i, j) => Rng.Shared.NextGaussian()))
        .ToArray();

// Copia nuestros núcleos y sesgos en la capa rápida: su fila f es el núcleo f
// leído por canal, fila y columna.
void CopyInto(Convolutional mine, Fast.Convolutional<double> fast)
{
    int k = fast.KernelSize;
    for (int f = 0; f < fast.Depth; f++)
    {
        fast.Bias[f, 0] = mine.Biases[f];
        for (int c = 0; c < fast.InputShape.Depth; c++)
            for (int u = 0; u < k; u++)
                for (int v = 0; v < k; v++)
                    fast.Weights[f, (c * k + u) * k + v] = mine.Kernels[f, c][u, v];
    }
}

// La mayor diferencia, en valor absoluto, entre dos listas de mapas.
double MaxDifference(Matrix<double>[] a, Matrix<double>[] b) =>
    a.Zip(b, (x, y) => (x - y).Enumerate().Max(Math.Abs)).Max();

// ── celda 9 ──
// Una imagen pequeña de 2 canales de 6×6, 3 núcleos de 3×3 y sesgos al azar; la misma entrada y los mismos pesos en
// nuestra `Convolutional` y en la de la biblioteca:

// ── celda 10 ──
Rng.Shared.Seed(1);
var conv = new Convolutional(inputDepth: 2, kernelSize: 3, depth: 3);
for (int f = 0; f < 3; f++) conv.Biases[f] = Rng.Shared.NextGaussian();
var x = RandomMaps(2, 6, 6);

var fastConv = new Fast.Convolutional<double>((2, 6, 6), kernelSize: 3, depth: 3, rng: Rng.Shared);
CopyInto(conv, fastConv);
var ours = conv.Forward(x);
var theirs = ToMaps(fastConv.Forward(ToColumn(x)), 3, 4, 4);
var (rows, columns) = (ours[0].RowCount, ours[0].ColumnCount);
Console.WriteLine(Invariant($"Salida: {ours.Length} mapas de {rows}×{columns}"));
Console.WriteLine(Invariant(
    $"Diferencia máxima con la biblioteca: {MaxDifference(ours, theirs):G3}"));

// ── celda 11 ──
// La diferencia es cero o del orden de $10^{-16}$: las dos suman los mismos productos, quizá en otro orden. La
// biblioteca no recorre las posiciones una a una: copia las ventanas en una matriz y hace **un solo producto de
// matrices** con todos los núcleos, con instrucciones SIMD y los dos núcleos del procesador. Es la misma aritmética,
// decenas de veces más rápida, y por eso entrena la red de verdad.
//
// Para verlo en un dígito real, nuestra `Correlate` con dos núcleos puestos a mano: uno que detecta bordes verticales
// y otro, bordes horizontales (en los mapas, rojo es positivo, azul negativo y blanco cero).

// ── celda 12 ──
// El primer dígito de prueba, 28×28 con valores en [0, 1].
var digit = ToMaps(Batches.Images<double>(test.Images, 0, 1), 1, 28, 28)[0];
var vertical = Matrix<double>.Build.DenseOfArray(
    new double[,] { { -1, 0, 1 }, { -1, 0, 1 }, { -1, 0, 1 } });
var horizontal = vertical.Transpose();

display(Digits.Image(test.Images, 0, scale: 4));
var edges = new[] { Convolutional.Correlate(digit, vertical),
                    Convolutional.Correlate(digit, horizontal) };
display(FeatureMaps.Show(edges,
    title: "Bordes verticales | bordes horizontales (26×26)"));

// ── celda 13 ──
// El primer mapa se enciende (positivo) donde el trazo empieza al avanzar hacia la derecha y se vuelve negativo donde
// termina; el segundo hace lo mismo de arriba abajo.
//
// ## *Pooling*
//
// La capa `MaxPooling` divide cada mapa en bloques de 2×2 y se queda con el máximo de cada uno: de 26×26 a 13×13 (con
// un tamaño impar, como 11×11, la última fila y la última columna se descartan: 5×5). No tiene parámetros. Hacia atrás,
// cada gradiente vuelve **solo al píxel que ganó** su bloque: los otros tres no influyeron en la salida.
//
// ![Max pooling](../img/max-pooling.svg)

// ── celda 14 ──

// ── celda 15 ──
// La misma comprobación que con la convolución: nuestros mapas de salida de antes (3 de 4×4) pasan por nuestra
// `MaxPooling` y por la de la biblioteca, hacia delante y, con un gradiente al azar, hacia atrás:

// ── celda 16 ──
var pool = new MaxPooling();
var fastPool = new Fast.MaxPooling<double>((3, 4, 4));
var gradient = RandomMaps(3, 2, 2);

double forwardDiff = MaxDifference(pool.Forward(ours),
    ToMaps(fastPool.Forward(ToColumn(ours)), 3, 2, 2));
double backwardDiff = MaxDifference(pool.Backward(gradient, 0.1),
    ToMaps(fastPool.Backward(ToColumn(gradient)), 3, 4, 4));
Console.WriteLine(Invariant($"Diferencia máxima con la biblioteca: ") +
    Invariant($"hacia delante {forwardDiff:G3}, hacia atrás {backwardDiff:G3}"));

// ── celda 17 ──
// Los mapas de bordes del dígito, tras el *pooling*: la mitad de ancho y de alto, y los trazos siguen ahí.

// ── celda 18 ──
display(FeatureMaps.Show(new MaxPooling().Forward(edges), scale: 8,
    title: "Tras MaxPooling 2×2: 13×13"));

// ── celda 19 ──
// ## La convolución hacia atrás
//
// Para entrenar, la capa recibe $\partial L / \partial Y_f$ (un mapa del tamaño de su salida por cada núcleo) y debe
// devolver dos cosas, igual que `Dense` en el cuaderno 04: el gradiente de sus parámetros, para actualizarlos, y el de
// su entrada, para la capa anterior. La regla de la cadena sobre la fórmula de $Y_f(i, j)$ da:
//
// - **Gradiente de los núcleos.** $K_{f,c}(u, v)$ multiplica a $X_c(i + u, j + v)$ en todas las posiciones $(i, j)$,
//   así que su gradiente es la suma de esos píxeles pesados por $\partial L / \partial Y_f(i, j)$: una **correlación de
//   la entrada con el gradiente de la salida**,
//
// $$
// \frac{\partial L}{\partial K_{f,c}} = X_c \star \frac{\partial L}{\partial Y_f},
// \qquad
// \frac{\partial L}{\partial b_f} = \sum_{i,j} \frac{\partial L}{\partial Y_f}(i, j).
// $$
//
// - **Gradiente de la entrada.** Cada píxel $X_c(p, q)$ contribuyó a todas las salidas cuyas ventanas lo cubren; al
//   sumarlas aparece el núcleo recorrido al revés: una **convolución completa** del gradiente de la salida con el
//   núcleo, es decir, rellenar $\partial L / \partial Y_f$ con $k - 1$ ceros alrededor y correlacionarlo con el núcleo
//   **girado 180°**,
//
// $$
// \frac{\partial L}{\partial X_c} = \sum_{f} \frac{\partial L}{\partial Y_f} \ast_{\text{completa}} K_{f,c}
// = \sum_{f} \operatorname{relleno}_{k-1}\!\left(\frac{\partial L}{\partial Y_f}\right) \star \operatorname{rot}_{180}(K_{f,c}).
// $$
//
// Con un mapa de salida de $(H - k + 1)$ de lado, el relleno lo lleva a $(H + k - 1)$ y la correlación con un núcleo de
// $k$ devuelve $H$: el tamaño de la entrada, como debe ser. Añadimos `Backward` a nuestra capa (en una subclase, para no
// repetir lo anterior), con los gradientes guardados para poder comprobarlos:

// ── celda 20 ──

// ── celda 21 ──
// ### Comprobación con un gradiente numérico
//
// ¿Están bien esas dos fórmulas? La derivada se puede aproximar sin ninguna fórmula: se mueve un peso $w$ un poco,
// $\pm h$, y se mide cuánto cambia la pérdida, $\frac{L(w + h) - L(w - h)}{2h}$. Tomamos como pérdida
// $L = \sum_f \sum_{i,j} Y_f(i, j)\, G_f(i, j)$ con mapas $G$ al azar, de modo que $\partial L / \partial Y = G$, y
// comparamos cada peso de cada núcleo, cada sesgo y cada píxel de la entrada:

// ── celda 22 ──
Rng.Shared.Seed(2);
var layer = new TrainableConvolutional(inputDepth: 2, kernelSize: 3, depth: 3);
var g = RandomMaps(3, 4, 4);
double Loss() =>
    layer.Forward(x).Zip(g, (y, gy) => y.PointwiseMultiply(gy).Enumerate().Sum()).Sum();

// (L(w + h) − L(w − h)) / 2h, moviendo el número que leen get y escriben set.
double Numerical(Func<double> get, Action<double> set, double h = 1e-5)
{
    double w = get();
    set(w + h); double up = Loss();
    set(w - h); double down = Loss();
    set(w);
    return (up - down) / (2 * h);
}

layer.Forward(x);
var dx = layer.Backward(g, learningRate: 0);          // tasa 0: solo los gradientes
double kernelError = 0, biasError = 0, inputError = 0;
for (int f = 0; f < 3; f++)
{
    double db = Numerical(() => layer.Biases[f], w => layer.Biases[f] = w);
    biasError = Math.Max(biasError, Math.Abs(layer.BiasesGradient[f] - db));
    for (int c = 0; c < 2; c++)
    {
        var kernel = layer.Kernels[f, c];
        for (int u = 0; u < 3; u++)
            for (int v = 0; v < 3; v++)
            {
                double dk = Numerical(() => kernel[u, v], w => kernel[u, v] = w);
                double error = Math.Abs(layer.KernelsGradient[f, c][u, v] - dk);
                kernelError = Math.Max(kernelError, error);
            }
    }
}
for (int c = 0; c < 2; c++)
    for (int p = 0; p < 6; p++)
        for (int q = 0; q < 6; q++)
        {
            double dxNumerical = Numerical(() => x[c][p, q], w => x[c][p, q] = w);
            inputError = Math.Max(inputError, Math.Abs(dx[c][p, q] - dxNumerical));
        }

Console.WriteLine(Invariant($"Diferencia máxima con el gradiente numérico:"));
Console.WriteLine(Invariant($"  ∂L/∂K {kernelError:G2}   ∂L/∂b {biasError:G2}   ") +
    Invariant($"∂L/∂X {inputError:G2}"));

// ── celda 23 ──
// Diferencias del orden de $10^{-10}$ o menores: lo que queda es el error de redondeo de la aproximación numérica, no
// un fallo de las fórmulas (un error en un índice daría diferencias del tamaño de los propios gradientes, en torno a 1).
// Y la capa rápida de la biblioteca da los mismos gradientes y los mismos pesos tras un paso de descenso:

// ── celda 24 ──
var fastLayer = new Fast.Convolutional<double>((2, 6, 6), kernelSize: 3, depth: 3, rng: Rng.Shared);
CopyInto(layer, fastLayer);
fastLayer.Forward(ToColumn(x));
var fastDx = ToMaps(fastLayer.Backward(ToColumn(g), learningRate: 0.1).Clone(), 2, 6, 6);
layer.Forward(x);
var ourDx = layer.Backward(g, learningRate: 0.1);

// Los pesos de la biblioteca tras el paso, núcleo a núcleo.
double weightsDiff = Enumerable.Range(0, 3).SelectMany(f => Enumerable.Range(0, 2)
    .Select(c => layer.Kernels[f, c] - fastLayer.Kernel(f, c)))
    .Max(d => d.Enumerate().Max(Math.Abs));
Console.WriteLine(Invariant($"Diferencia máxima con la biblioteca: ") +
    Invariant($"∂L/∂X {MaxDifference(ourDx, fastDx):G3}, ") +
    Invariant($"pesos tras un paso {weightsDiff:G3}"));

// ── celda 25 ──
// ## La arquitectura: una CNN pequeña
//
// Con esas dos capas y las que ya conoces se construye la red. Cada capa cambia la forma de los datos así:
//
// ![Formas de la CNN capa a capa](../img/cnn-shapes.svg)
//
// 1. `Convolutional` 3×3 con 16 núcleos: 1×28×28 → 16×26×26
// 2. `MaxPooling` 2×2 → 16×13×13, y `ReLU`
// 3. `Convolutional` 3×3 con 32 núcleos: 16×13×13 → 32×11×11
// 4. `MaxPooling` 2×2 → 32×5×5 (la última fila y columna se descartan), y `ReLU`
// 5. `Flatten` → 800, y `Dense(800, 10)`: diez puntuaciones (*logits*), una por dígito.
//
// Es el doble de núcleos que `Models.SmallCnn` de la biblioteca (la que entrena `notebooknet train --model small-cnn`):
// con 8 y 16 núcleos, unas épocas no bastan para pasar de forma fiable del 98.8 % en prueba.
//
// (La `ReLU` va después del *pooling*: da el mismo resultado, porque las dos operaciones son monótonas y conmutan, y
// se aplica a la cuarta parte de los valores.) Las puntuaciones pasan por softmax dentro de la pérdida de **entropía
// cruzada categórica**, $L = -\log \operatorname{softmax}(z)_{\text{etiqueta}}$, calculadas juntas de forma estable.
//
// La red se escribe como la lista de capas del documento, ahora con las capas rápidas de la biblioteca y en `float`
// (32 bits): la mitad de memoria y el doble de números por instrucción SIMD que `double`.

// ── celda 26 ──
var rng = new Rng(0);
var model = new Fast.Sequential<float>(
    new Fast.Convolutional<float>((1, 28, 28), kernelSize: 3, depth: 16, rng: rng),
    new Fast.MaxPooling<float>((16, 26, 26)),
    new Fast.ReLU<float>(),
    new Fast.Convolutional<float>((16, 13, 13), kernelSize: 3, depth: 32, rng: rng),
    new Fast.MaxPooling<float>((32, 11, 11)),
    new Fast.ReLU<float>(),
    new Fast.Flatten<float>((32, 5, 5)),
    new Fast.Dense<float>(800, 10, Fast.Init.GlorotUniform, rng));
display(Views.Summary(model));

// ── celda 27 ──
int denseParameters = 784 * 40 + 40 + 40 * 10 + 10;     // la red densa del cuaderno 08
display(Invariant($"La red densa del cuaderno 08 tiene {denseParameters} parámetros; ") +
    Invariant($"esta, {model.ParameterCount}."));

// ── celda 28 ──
// ### Mapas de características antes del entrenamiento
//
// Los 16 núcleos de la primera capa empiezan aleatorios (inicialización de He). Sus mapas para el dígito de prueba son
// el dígito filtrado al azar: algunos lo copian emborronado y otros resaltan algún borde por casualidad.

// ── celda 29 ──
var conv1 = (Fast.Convolutional<float>)model[0];
List<Matrix<float>> KernelsOf(Fast.Convolutional<float> layer) =>
    Enumerable.Range(0, layer.Depth).Select(f => layer.Kernel(f, 0)).ToList();
var digitColumn = Batches.Images<float>(test.Images, 0, 1);     // el mismo dígito, 784×1

display(FeatureMaps.Show(KernelsOf(conv1), scale: 16,
    title: "Núcleos 3×3 de la capa 1, antes de entrenar"));
display(FeatureMaps.Show(conv1.Forward(digitColumn).Clone(), 16, 26, 26,
    title: "Mapas de características antes de entrenar"));

// ── celda 30 ──
// ## Entrenamiento con SGD y momento, con validación
//
// Apartamos las últimas 6000 imágenes de entrenamiento como **conjunto de validación**: la red no aprende de ellas, y
// su exactitud al final de cada época dice cómo generaliza sin tocar el conjunto de prueba (que solo se mira una vez,
// al final). Las otras 54 000 se barajan en cada época con la semilla y se recorren en minilotes de 64: 844 pasos por
// época, 4 épocas. Cada paso calcula el gradiente medio del lote y el optimizador **SGD con momento** lo aplica:
//
// $$
// v \leftarrow \mu\, v + \nabla_\theta L, \qquad \theta \leftarrow \theta - \eta\, v
// $$
//
// con momento $\mu = 0.9$: la velocidad $v$ acumula la dirección de los pasos anteriores, amortigua el ruido de los
// minilotes y acelera el descenso. La tasa de aprendizaje empieza en $\eta = 0.05$ y **se divide por dos en cada
// época** (`Schedules.Exponential(0.5)`): pasos largos al principio para avanzar deprisa y cortos al final para
// asentarse en un buen mínimo.
//
// El panel se actualiza mientras entrena: arriba el error de cada lote (línea clara) y de cada época; debajo, la
// exactitud de entrenamiento y la de validación por época. `monitor.Watch(options)` conecta el panel con el
// entrenador en una línea.

// ── celda 31 ──
const int epochs = 4;
var optimizer = new Sgd<float>(learningRate: 0.05, momentum: 0.9);
var options = new TrainerOptions
{
    Epochs = epochs,
    BatchSize = 64,
    ValidationFraction = 0.1,                 // las últimas 6000 imágenes, para validar
    Schedule = Schedules.Exponential(0.5),    // η = 0.05, 0.025, 0.0125…
    Rng = rng,
};
var monitor = TrainingMonitor.Start(Invariant($"CNN · {epochs} épocas"), epochs);
var history = new Trainer<float>(model, optimizer, monitor.Watch(options)).Fit(train);
display(Views.History(history));

// ── celda 32 ──
// El error de entrenamiento baja en cada época; la exactitud de validación sube y se acerca a la de entrenamiento sin
// quedarse muy por debajo: la red no está memorizando las imágenes que ve (eso sería **sobreajuste**: exactitud de
// entrenamiento alta y de validación estancada o bajando).
//
// ### Mapas de características después del entrenamiento
//
// Tras el entrenamiento, los núcleos han cambiado para servir a la clasificación: varios mapas resaltan ahora bordes
// concretos del trazo (rojo a un lado, azul al otro), como los detectores que pusimos a mano arriba, y los sesgos
// aprendidos desplazan el fondo, que ya no es exactamente cero.

// ── celda 33 ──
display(FeatureMaps.Show(KernelsOf(conv1), scale: 16,
    title: "Núcleos 3×3 de la capa 1, después de entrenar"));
display(FeatureMaps.Show(conv1.Forward(digitColumn).Clone(), 16, 26, 26,
    title: "Mapas de características después de entrenar"));

// ── celda 34 ──
// ## Evaluación en las 10 000 imágenes de prueba
//
// La red se evalúa en modo evaluación sobre todo el conjunto de prueba, que no ha visto ni durante el entrenamiento ni
// en la validación:

// ── celda 35 ──
var clock = Stopwatch.StartNew();
var report = EvaluationReport.Evaluate(model, test);
clock.Stop();
NotebookResults.Record("cnn.test.accuracy", report.Accuracy);
NotebookResults.Record("cnn.train.loss", history.Epochs[^1].TrainLoss);
NotebookResults.Record("cnn.validation.accuracy", history.Epochs[^1].ValidationAccuracy);
NotebookResults.Record("cnn.train.seconds", history.TotalSeconds);
NotebookResults.Record("cnn.epochs", history.Epochs.Count);
NotebookResults.Record("cnn.parameters", model.ParameterCount);
var (right, total) = (report.Confusion.Correct, report.Confusion.Total);
display(Invariant($"Exactitud en prueba: {report.Accuracy:P2} ({right} de {total}), ") +
    Invariant($"pérdida {report.Loss:F4}, evaluada en {clock.Elapsed.TotalSeconds:F1} s"));

// ── celda 36 ──
// ### Matriz de confusión
//
// Fila: dígito verdadero; columna: predicción. Casi todo está en la diagonal; los errores que quedan son, sobre todo,
// confusiones que también cometería una persona con mala letra delante.

// ── celda 37 ──
display(Views.Confusion(report.Confusion.Counts));

// ── celda 38 ──
// La **precisión** de un dígito es qué parte de las veces que la red dice ese dígito acierta; la **exhaustividad**, qué
// parte de los ejemplos de ese dígito reconoce:

// ── celda 39 ──
Console.WriteLine("dígito  precisión  exhaustividad");
for (int c = 0; c < 10; c++)
    Console.WriteLine(Invariant(
        $"{c,6}  {report.Precision[c],9:P2}  {report.Recall[c],13:P2}"));

// ── celda 40 ──
// ### Ejemplos mal clasificados
//
// Los 24 errores en los que la red estaba más segura de sí misma, con la probabilidad que dio a su predicción (la
// salida de softmax). Varios son dígitos que también una persona dudaría en leer; otros, errores claros con una
// confianza alta, que recuerdan que esa probabilidad no es una garantía.

// ── celda 41 ──
display(Digits.Misclassified(test, report.Misclassified, count: 24));

// ── celda 42 ──
// ## Dibuja un dígito
//
// El panel de abajo lleva dentro los pesos de la red que acabas de entrenar y su pasada hacia delante escrita en
// JavaScript: funciona en la propia página, sin el kernel y sin red, también en la página HTML exportada. Dibuja con el
// ratón, el dedo o el lápiz. El dibujo se convierte en una entrada de 28×28 como se hicieron los dígitos de MNIST: el
// recuadro del trazo se escala a 20×20 conservando la proporción, se coloca en 28×28 por su centro de masa y los bordes
// quedan en niveles de gris. A medida que dibujas verás esa entrada, las diez probabilidades (la ganadora en rojo) y los
// mapas de características de la primera convolución. «Borrar» empieza de nuevo.

// ── celda 43 ──
display(Views.DrawingPad(model, "La red entrenada: dibuja un dígito"));

// ── celda 44 ──
// «Copiar trazos» da el dibujo como JSON. La biblioteca hace en C# el mismo preprocesamiento (`DrawnDigit`), así que el
// dibujo pegado en una celda da la misma entrada y la misma respuesta que en la página:

// ── celda 45 ──
// Un «7» guardado con «Copiar trazos»; pega aquí el tuyo.
var strokes = DrawnDigit.ParseStrokes("[[60,50,220,50,120,250],[100,150,190,150]]");
var drawn = DrawnDigit.Column<float>(strokes);
display(Digits.Image(drawn.Map(v => (double)v), scale: 4));

var drawnProbabilities = new Fast.Softmax<float>().Forward(model.Predict(drawn));
int drawnDigit = Tutorial.ArgMax(drawnProbabilities);
display(Invariant($"Predicción: {drawnDigit} ({drawnProbabilities[drawnDigit, 0]:P2})"));

// ── celda 46 ──
// ## La red sale del cuaderno: ONNX
//
// ONNX es el formato que leen casi todas las herramientas de aprendizaje automático (ONNX Runtime, PyTorch, TensorFlow,
// ML.NET…). `OnnxExport.Save` escribe la red entrenada con el conjunto de operadores 13: `Conv`, `MaxPool`, `Relu`,
// `Flatten` y `Gemm` (la capa densa, $Y = X W^\top + b$). Abre el fichero con [Netron](https://netron.app) para ver su
// grafo. Desde la terminal, un modelo guardado se exporta igual:
// `notebooknet export small-cnn.nnet --onnx small-cnn.onnx`.

// ── celda 47 ──
const string onnxPath = "../artifacts/cnn-09.onnx";
OnnxExport.Save(onnxPath, model, "cnn-09");
display(Invariant($"{onnxPath}: {new FileInfo(onnxPath).Length} bytes, opset {OnnxExport.Opset}; ") +
    Invariant($"entrada «{OnnxExport.InputName}» (lote, 1, 28, 28), ") +
    Invariant($"salida «{OnnxExport.OutputName}» (lote, 10)"));

// ── celda 48 ──
// ## Prueba esto
//
// **1. Núcleos de 5×5.** En la celda de la arquitectura, pon `kernelSize: 5` en las dos convoluciones y ajusta las
// formas: 1×28×28 → 16×24×24 → *pooling* 16×12×12 → 32×8×8 → *pooling* 32×4×4, es decir
// `MaxPooling<float>((16, 24, 24))`, `Convolutional<float>((16, 12, 12), …)`, `MaxPooling<float>((32, 8, 8))`,
// `Flatten<float>((32, 4, 4))` y `Dense<float>(512, 10, …)`. Vuelve a ejecutar desde ahí. ¿Cuántos parámetros tiene
// ahora? ¿Cambia la exactitud?
//
// <details>
// <summary>Solución</summary>
//
// Los núcleos tienen 25 pesos en lugar de 9, pero la capa densa final es más pequeña (512 entradas en lugar de 800): el
// resumen lo dice capa a capa. La exactitud queda muy parecida; el entrenamiento tarda más, porque cada posición
// multiplica casi el triple de pesos. Si una forma no encaja, la biblioteca lo dice con un error que nombra la capa y
// las dos formas.
//
// </details>
//
// **2. Sin momento y sin decaimiento.** Cambia el optimizador a `new Sgd<float>(learningRate: 0.05)` (momento 0) y
// quita la línea `Schedule = …`. Observa la curva de error y la exactitud de validación de cada época.
//
// <details>
// <summary>Solución</summary>
//
// Sin momento, cada paso solo ve el gradiente de su lote: la red aprende más despacio y la exactitud de validación de
// las primeras épocas queda por debajo de la de arriba. Sin decaimiento, el error de los lotes sigue oscilando al final
// en lugar de asentarse.
//
// </details>
//
// **3. Más épocas.** Pon `const int epochs = 8;`. ¿Sigue subiendo la exactitud de validación? ¿Se separa de la de
// entrenamiento?
//
// <details>
// <summary>Solución</summary>
//
// Sube cada vez menos, porque la tasa de aprendizaje ya es muy pequeña tras unas épocas (se divide por dos en cada
// una); la exactitud de entrenamiento queda algo por encima de la de validación. Para ir más allá hacen falta más
// núcleos, regularización y aumento de datos (cuaderno 10).
//
// </details>
//
// **4. Un error en el gradiente.** En `ConvolveFull`, cambia `k[k.RowCount - 1 - u, k.ColumnCount - 1 - v]` por
// `k[u, v]` (el núcleo sin girar) y vuelve a ejecutar desde esa celda hasta la comprobación numérica.
//
// <details>
// <summary>Solución</summary>
//
// La diferencia de ∂L/∂X con el gradiente numérico pasa de $10^{-10}$ o menos a valores del orden de 1, mientras que
// la de ∂L/∂K sigue diminuta: el pase hacia delante y el gradiente de los núcleos no usan `ConvolveFull`. La
// comprobación numérica encuentra el fallo exacto.
//
// </details>

// ── celda 49 ──
// ---
//
// [← 08 · Experimento con MNIST](08-Experimento-MNIST.ipynb) | [Índice de la serie](README.md) | [10 · Conclusiones →](10-Conclusiones.ipynb)

NotebookNet.Interactive.NotebookApp.End();

// ── tipos declarados en las celdas ──
// Capa convolucional: Kernels[f, c] es el núcleo k×k del mapa f sobre el canal c.
class Convolutional
{
    public Matrix<double>[,] Kernels;
    public double[] Biases;
    public Matrix<double>[] Input;

    // Correlación cruzada «válida»: el núcleo recorre la imagen sin salirse de ella.
    public static Matrix<double> Correlate(Matrix<double> x, Matrix<double> k)
    {
        var y = Matrix<double>.Build.Dense(x.RowCount - k.RowCount + 1,
                                           x.ColumnCount - k.ColumnCount + 1);
        for (int i = 0; i < y.RowCount; i++)
            for (int j = 0; j < y.ColumnCount; j++)
                y[i, j] = x.SubMatrix(i, k.RowCount, j, k.ColumnCount)
                           .PointwiseMultiply(k).Enumerate().Sum();
        return y;
    }

    public Convolutional(int inputDepth, int kernelSize, int depth)
    {
        Kernels = new Matrix<double>[depth, inputDepth];
        for (int f = 0; f < depth; f++)
            for (int c = 0; c < inputDepth; c++)
                Kernels[f, c] = Matrix<double>.Build.Dense(kernelSize, kernelSize,
                    (u, v) => Rng.Shared.NextGaussian());          // como np.random.randn
        Biases = new double[depth];
    }

    public Matrix<double>[] Forward(Matrix<double>[] input)
    {
        Input = input;
        var output = new Matrix<double>[Biases.Length];
        for (int f = 0; f < output.Length; f++)
        {
            output[f] = Correlate(input[0], Kernels[f, 0]) + Biases[f];
            for (int c = 1; c < input.Length; c++)
                output[f] += Correlate(input[c], Kernels[f, c]);
        }
        return output;
    }
}
// Max pooling 2×2: cada bloque se queda con su máximo,
// y el gradiente vuelve solo a ese píxel.
class MaxPooling
{
    public Matrix<double>[] Input;

    public Matrix<double>[] Forward(Matrix<double>[] input)
    {
        Input = input;
        return input.Select(x => Matrix<double>.Build.Dense(
            x.RowCount / 2, x.ColumnCount / 2,
            (i, j) => x.SubMatrix(2 * i, 2, 2 * j, 2).Enumerate().Max())).ToArray();
    }

    public Matrix<double>[] Backward(Matrix<double>[] outputGradient, double learningRate)
    {
        var inputGradient = Input.Select(x => x.Map(_ => 0.0)).ToArray();
        for (int c = 0; c < Input.Length; c++)
            for (int i = 0; i < outputGradient[c].RowCount; i++)
                for (int j = 0; j < outputGradient[c].ColumnCount; j++)
                {
                    var x = Input[c];
                    var (bu, bv) = (0, 0);                 // el ganador del bloque (i, j)
                    for (int u = 0; u < 2; u++)
                        for (int v = 0; v < 2; v++)
                            if (x[2 * i + u, 2 * j + v] > x[2 * i + bu, 2 * j + bv])
                                (bu, bv) = (u, v);
                    inputGradient[c][2 * i + bu, 2 * j + bv] = outputGradient[c][i, j];
                }
        return inputGradient;
    }
}
class TrainableConvolutional : Convolutional
{
    public Matrix<double>[,] KernelsGradient;   // ∂L/∂K de la última llamada a Backward
    public double[] BiasesGradient;            // ∂L/∂b

    // Convolución «completa»: relleno de k − 1 ceros alrededor
    // y correlación con el núcleo girado 180°.
    public static Matrix<double> ConvolveFull(Matrix<double> g, Matrix<double> k)
    {
        int p = k.RowCount - 1;
        var padded = Matrix<double>.Build.Dense(g.RowCount + 2 * p,
                                                g.ColumnCount + 2 * p);
        padded.SetSubMatrix(p, p, g);
        var rotated = Matrix<double>.Build.Dense(k.RowCount, k.ColumnCount,
            (u, v) => k[k.RowCount - 1 - u, k.ColumnCount - 1 - v]);
        return Correlate(padded, rotated);
    }

    public TrainableConvolutional(int inputDepth, int kernelSize, int depth)
        : base(inputDepth, kernelSize, depth) { }

    public Matrix<double>[] Backward(Matrix<double>[] outputGradient, double learningRate)
    {
        int depth = Biases.Length, channels = Input.Length;
        var inputGradient = Input.Select(x => x.Map(_ => 0.0)).ToArray();
        KernelsGradient = new Matrix<double>[depth, channels];
        BiasesGradient = outputGradient.Select(g => g.Enumerate().Sum()).ToArray();
        for (int f = 0; f < depth; f++)
            for (int c = 0; c < channels; c++)
            {
                KernelsGradient[f, c] = Correlate(Input[c], outputGradient[f]);
                inputGradient[c] += ConvolveFull(outputGradient[f], Kernels[f, c]);
            }
        for (int f = 0; f < depth; f++)
        {
            Biases[f] -= learningRate * BiasesGradient[f];
            for (int c = 0; c < channels; c++)
                Kernels[f, c] -= learningRate * KernelsGradient[f, c];
        }
        return inputGradient;
    }
}
