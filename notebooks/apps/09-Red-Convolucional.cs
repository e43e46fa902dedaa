// 09-Red-Convolucional.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/09-Red-Convolucional.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Diagnostics;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NotebookNet;
using NotebookNet.Data;
using NotebookNet.Evaluation;
using NotebookNet.Layers;
using NotebookNet.Optimizers;
using NotebookNet.Training;
using NotebookNet.Interactive;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 09 · Red convolucional
//
// ## Lo que aprenderás
//
// - Qué es una convolución y qué es el *pooling*, con dibujos y con los mapas de características de un dígito real.
// - La arquitectura de una red convolucional pequeña (`Models.SmallCnn`) y cuántos parámetros tiene.
// - A entrenarla con minilotes, entropía cruzada y SGD con momento, viendo el progreso en vivo.
// - A evaluarla en las 10 000 imágenes de prueba: precisión, matriz de confusión y los ejemplos que falla.

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
// Usamos `float` (32 bits) en lugar de `double`: la mitad de memoria y el doble de números por instrucción SIMD.

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
// 26×26 con núcleos de 3×3. (Como todas las bibliotecas de aprendizaje profundo, calculamos en realidad una
// correlación cruzada: el núcleo no se voltea. Como los pesos se aprenden, da igual.)
//
// ![Convolución](../img/convolution.svg)
//
// La capa delega las cuentas en un *motor*. El general, `Im2ColConvolution`, copia cada ventana de la imagen en una
// fila de una matriz (*im2col*) y así toda la convolución se convierte en un solo producto de matrices con los pesos.
// (En las capas grandes de paso 1, como la segunda de LeNet-5, `ImplicitConvolution` hace el mismo producto sin
// escribir esa matriz: lee cada ventana directamente de la imagen rellenada con ceros.)
//
// Para verlo en un dígito real, una capa `Convolutional<float>` con dos núcleos puestos a mano: uno que detecta bordes
// verticales y otro, bordes horizontales.

// ── celda 6 ──
display(Source.Show("Layers/Convolution/Im2ColConvolution.cs", "Forward"));

// ── celda 7 ──
var edges = new Convolutional<float>((1, 28, 28), kernelSize: 3, depth: 2, rng: new Rng(0));
float[] vertical = { -1, 0, 1, -1, 0, 1, -1, 0, 1 };
float[] horizontal = { -1, -1, -1, 0, 0, 0, 1, 1, 1 };
for (int i = 0; i < 9; i++)
{
    edges.Weights[0, i] = vertical[i];     // fila f de Weights = núcleo f, leído por filas
    edges.Weights[1, i] = horizontal[i];
}
edges.Bias.Clear();

var digit = Batches.Images<float>(test.Images, 0, 1);      // el primer dígito de prueba, 784×1 en [0, 1]
var edgeMaps = edges.Forward(digit).Clone();               // 2·26·26 × 1
display(Digits.Image(test.Images, 0, scale: 4));
display(FeatureMaps.Show(edgeMaps, 2, 26, 26, title: "Bordes verticales | bordes horizontales"));

// ── celda 8 ──
// El primer mapa se enciende (positivo) donde el trazo empieza al avanzar hacia la derecha y se vuelve negativo donde
// termina; el segundo hace lo mismo de arriba abajo.
//
// ## *Pooling*
//
// La capa `MaxPooling` divide cada mapa en bloques de 2×2 y se queda con el máximo de cada uno: de 26×26 a 13×13.
// No tiene parámetros.
//
// ![Max pooling](../img/max-pooling.svg)

// ── celda 9 ──
var pooled = new MaxPooling<float>((2, 26, 26)).Forward(edgeMaps).Clone();   // 2·13·13 × 1
display(FeatureMaps.Show(pooled, 2, 13, 13, scale: 8, title: "Tras MaxPooling 2×2: 13×13"));

// ── celda 10 ──
// ## La arquitectura `Models.SmallCnn`
//
// Una CNN pequeña, «8c3-pool-16c3-pool-fc10»:
//
// 1. `Convolutional` 3×3 con 8 núcleos: 1×28×28 → 8×26×26
// 2. `MaxPooling` 2×2 → 8×13×13, y `ReLU`
// 3. `Convolutional` 3×3 con 16 núcleos: 8×13×13 → 16×11×11
// 4. `MaxPooling` 2×2 → 16×5×5, y `ReLU`
// 5. `Flatten` → 400, y `Dense(400, 10)`: diez puntuaciones (*logits*), una por dígito.
//
// (La `ReLU` va después del *pooling*: da el mismo resultado, porque las dos operaciones son monótonas y conmutan, y
// se aplica a la cuarta parte de los valores.) Las puntuaciones pasan por softmax dentro de la pérdida de **entropía
// cruzada categórica**, $L = -\log \operatorname{softmax}(z)_{\text{etiqueta}}$, calculadas juntas de forma estable.

// ── celda 11 ──
display(Source.Show("Models/Models.cs", "SmallCnn"));

// ── celda 12 ──
var rng = new Rng(0);
var model = Models.SmallCnn(rng);
Console.WriteLine(model.Summary());
Console.WriteLine(Invariant($"La red densa del cuaderno 08 tiene 31 810 parámetros; esta, {model.ParameterCount}."));

// ── celda 13 ──
// ### Mapas de características antes del entrenamiento
//
// Los 8 núcleos de la primera capa empiezan aleatorios (inicialización de He). Sus mapas para el dígito de prueba son
// el dígito filtrado al azar: algunos lo copian emborronado y otros resaltan algún borde por casualidad. (En los mapas,
// rojo es positivo, azul negativo y blanco cero.)

// ── celda 14 ──
var conv1 = (Convolutional<float>)model[0];
List<Matrix<float>> KernelsOf(Convolutional<float> conv) =>
    Enumerable.Range(0, conv.Depth).Select(f => conv.Kernel(f, 0)).ToList();

display(FeatureMaps.Show(KernelsOf(conv1), scale: 16, title: "Núcleos 3×3 de la primera capa, antes de entrenar"));
var mapsBefore = conv1.Forward(digit).Clone();
display(FeatureMaps.Show(mapsBefore, 8, 26, 26, title: "Mapas de características antes de entrenar"));

// ── celda 15 ──
// ## Entrenamiento con SGD y momento
//
// Una época sobre las 60 000 imágenes de entrenamiento, barajadas con la semilla, en minilotes de 64: 938 pasos. Cada
// paso calcula el gradiente medio del lote y el optimizador **SGD con momento** lo aplica:
//
// $$
// v \leftarrow \mu\, v + \nabla_\theta L, \qquad \theta \leftarrow \theta - \eta\, v
// $$
//
// con momento $\mu = 0.9$: la velocidad $v$ acumula la dirección de los pasos anteriores, amortigua el ruido de los
// minilotes y acelera el descenso. La tasa de aprendizaje empieza en $\eta = 0.1$ y **decrece linealmente hasta 0** a
// lo largo de la época (se ajusta tras cada lote en `OnBatch`): pasos largos al principio para avanzar deprisa y cortos
// al final para asentarse en un buen mínimo. Con la tasa fija, la misma época da algo más de medio punto menos de
// precisión. El gráfico se actualiza mientras entrena.

// ── celda 16 ──
const double initialRate = 0.1;
var optimizer = new Sgd<float>(learningRate: initialRate, momentum: 0.9);
var monitor = TrainingMonitor.Start("SmallCnn · 1 época · SGD con momento", 1);
var options = new TrainerOptions
{
    Epochs = 1,
    BatchSize = 64,
    Rng = rng,
    OnBatch = p =>
    {
        optimizer.LearningRate = initialRate * (1 - p.Batch / (double)p.BatchesPerEpoch);   // decaimiento lineal
        if (p.Batch % 25 == 0 || p.Batch == p.BatchesPerEpoch)
            monitor.ReportBatch(p.Epoch, p.Batch, p.BatchesPerEpoch, p.Loss, p.Accuracy, p.ImagesPerSecond);
    },
    OnEpoch = e => monitor.Report(e.Epoch, e.TrainLoss, e.TrainAccuracy),
};
var trainer = new Trainer<float>(model, optimizer, options);
var history = trainer.Fit(train);
monitor.Complete();
Console.WriteLine(history.Epochs[^1]);

// ── celda 17 ──
// ### Mapas de características después del entrenamiento
//
// Tras una época, los núcleos han cambiado para servir a la clasificación: varios mapas resaltan ahora bordes concretos
// del trazo (rojo a un lado, azul al otro), como los detectores que pusimos a mano arriba, y los sesgos aprendidos
// desplazan el fondo, que ya no es exactamente cero.

// ── celda 18 ──
display(FeatureMaps.Show(KernelsOf(conv1), scale: 16, title: "Núcleos 3×3 de la primera capa, después de una época"));
var mapsAfter = conv1.Forward(digit).Clone();
display(FeatureMaps.Show(mapsAfter, 8, 26, 26, title: "Mapas de características después de una época"));

// ── celda 19 ──
// ## Evaluación en las 10 000 imágenes de prueba
//
// La red se evalúa en modo evaluación sobre todo el conjunto de prueba, que no ha visto durante el entrenamiento:

// ── celda 20 ──
var clock = Stopwatch.StartNew();
var report = EvaluationReport.Evaluate(model, test);
clock.Stop();
display(Invariant($"Precisión en prueba: {report.Accuracy:P2} ({report.Confusion.Correct} de {report.Confusion.Total}), ") +
    Invariant($"pérdida {report.Loss:F4}, evaluada en {clock.Elapsed.TotalSeconds:F1} s"));

// ── celda 21 ──
// ### Matriz de confusión
//
// Fila: dígito verdadero; columna: predicción. Casi todo está en la diagonal; los errores que quedan son, sobre todo,
// confusiones que también cometería una persona con mala letra delante (por ejemplo 2 ↔ 7, 7 ↔ 9, 8 → 9 o 5 → 3).

// ── celda 22 ──
display(Views.Confusion(report.Confusion.Counts));

// ── celda 23 ──
Console.WriteLine("dígito  precisión  exhaustividad");
for (int c = 0; c < 10; c++)
    Console.WriteLine(Invariant($"{c,6}  {report.Precision[c],9:P1}  {report.Recall[c],13:P1}"));

// ── celda 24 ──
// ### Ejemplos mal clasificados
//
// Los 24 errores en los que la red estaba más segura de sí misma (predicción en rojo, etiqueta verdadera debajo).
// Varios son dígitos que también una persona dudaría en leer.

// ── celda 25 ──
var worst = report.Misclassified.Take(24).ToArray();
display(Digits.Grid(test, worst.Select(m => m.Index).ToArray(), worst.Select(m => m.Predicted).ToArray(), columns: 12));

// ── celda 26 ──
// ### Resultados comprobables
//
// Las cifras de este cuaderno en formato `nombre=valor` invariante; las pruebas automáticas del proyecto exigen una
// precisión en prueba de al menos el 97 %.

// ── celda 27 ──
NotebookResults.Record("cnn.train.loss", history.Epochs[^1].TrainLoss);
NotebookResults.Record("cnn.train.seconds", history.TotalSeconds);
NotebookResults.Record("cnn.test.accuracy", report.Accuracy);
NotebookResults.Record("cnn.epochs", history.Epochs.Count);

// ── celda 28 ──
// ---
//
// [← 08 · Experimento con MNIST](08-Experimento-MNIST.ipynb) | [Índice de la serie](README.md) | [10 · Conclusiones →](10-Conclusiones.ipynb)

NotebookNet.Interactive.NotebookApp.End();
