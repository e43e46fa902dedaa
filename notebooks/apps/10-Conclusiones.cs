// 10-Conclusiones.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/10-Conclusiones.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using NotebookNet;
using NotebookNet.Interactive;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 10 · Conclusiones
//
// ## Lo que aprenderás
//
// - Qué se ha conseguido en la serie, con las cifras que obtuvieron de verdad los cuadernos 08 y 09 en tu ejecución.
// - Qué afirmaciones del documento original había que corregir y por qué.
// - Por dónde seguir.

// ── celda 2 ──
NotebookDisplay.Register();

// ── celda 3 ──
// ## Conclusiones
//
// En este proyecto hemos explorado el desarrollo y entrenamiento de redes neuronales para la clasificación de dígitos
// utilizando el conjunto de datos MNIST: primero la red **densa** que construye el documento original, reproducida
// fielmente en C#, y después la red **convolucional** (CNN) que el documento anuncia pero no llega a construir.
//
// Los cuadernos 08 y 09 guardan sus cifras en un archivo de resultados al ejecutarse (`NotebookResults.Record`); esta
// celda las lee (`NotebookResults.Read`), así que muestra las de **tu** última ejecución:

// ── celda 4 ──
string[] needed =
[
    "dense.test.accuracy", "dense.nudged.test.accuracy", "dense.glorot.test.accuracy",
    "dense.parameters", "cnn.test.accuracy", "cnn.epochs", "cnn.parameters",
];
var missing = needed.Where(name => NotebookResults.Read(name) is null).ToList();
if (missing.Count > 0)
{
    Console.WriteLine("Faltan cifras de los cuadernos 08 y 09: ejecútalos primero,");
    Console.WriteLine("en orden, y vuelve a ejecutar esta celda.");
    Console.WriteLine("No encontradas: " + string.Join(", ", missing));
    Console.WriteLine("Archivo de resultados: " + NotebookResults.FilePath);
}
else
{
    double Figure(string name) => NotebookResults.Read(name)!.Value;
    double dense = Figure("dense.test.accuracy"), cnn = Figure("cnn.test.accuracy");
    double nudged = Figure("dense.nudged.test.accuracy");
    double glorot = Figure("dense.glorot.test.accuracy");
    Console.WriteLine("Exactitud en las 10000 imágenes de prueba:");
    Console.WriteLine(Invariant($"  red densa del documento (08): {dense:P2}"));
    Console.WriteLine(Invariant($"    con un peso movido un ulp: {nudged:P2}"));
    Console.WriteLine(Invariant($"    con la inicialización de Glorot: {glorot:P2}"));
    int epochs = (int)Figure("cnn.epochs");
    Console.WriteLine(Invariant($"  red convolucional (09), {epochs} épocas: {cnn:P2}"));
    Console.WriteLine(Invariant($"Errores: {1 - dense:P2} frente a {1 - cnn:P2}: ") +
        Invariant($"la CNN comete {(1 - dense) / (1 - cnn):F0} veces menos"));
    Console.WriteLine(Invariant($"Parámetros: {Figure("dense.parameters")} (densa), ") +
        Invariant($"{Figure("cnn.parameters")} (CNN)"));
}

// ── celda 5 ──
// Las pruebas automáticas del proyecto ejecutan la serie completa y comprueban esas cifras: que el error de la red
// densa baja, que mover un peso un ulp cambia su resultado y que la CNN pasa del 98.8 % en prueba.
//
// ### Logros
//
// - **Implementación de la red del documento, y de la CNN que promete:** el documento dice haber implementado «una CNN
//   utilizando la biblioteca Keras sobre TensorFlow», pero su red es densa y está escrita a mano con NumPy (Keras solo
//   carga los datos). Aquí las clases del documento (`Dense`, `Tanh`, `mse`, `predict`, `train`…) están escritas en C#
//   sobre MathNet.Numerics en los propios cuadernos, donde puedes cambiarlas, y la biblioteca es su gemela rápida,
//   comprobada contra ellas. La CNN de verdad (convolución, *pooling*, ReLU, softmax con entropía cruzada), con su
//   convolución y su *pooling* también escritos a mano y comprobados con un gradiente numérico, se entrena en unos
//   segundos.
// - **Preprocesamiento eficaz de datos:** la normalización de los píxeles y la codificación *one-hot* de las etiquetas
//   son imprescindibles; `ToCategorical` fija además el número de clases, lo que evita el fallo de `to_categorical`
//   con subconjuntos.
// - **Aprendizaje automático de representaciones:** los mapas de características del cuaderno 09 muestran cómo los
//   núcleos de la primera capa pasan de ruido a detectores de bordes tras el entrenamiento.
// - **Resultados reproducibles:** con la semilla fijada, la red del documento da exactamente las mismas cifras en cada
//   ejecución (el generador es el mismo algoritmo que `np.random`). La CNN también, y con cualquier número de núcleos:
//   la biblioteca suma los gradientes del lote en trozos fijos y siempre en el mismo orden, así que 1, 2 o 16 núcleos
//   dan los mismos bytes (en procesadores con las mismas instrucciones vectoriales).
//
// ### Desafíos y Lecciones Aprendidas
//
// - **Ajuste de Hiperparámetros:** la tasa de aprendizaje y el número de épocas importan, pero la red densa del
//   documento está limitada sobre todo por otras decisiones: solo 1000 imágenes de entrenamiento, pesos iniciales
//   $N(0, 1)$ que saturan `Tanh`, y MSE sobre `Tanh` en lugar de softmax con entropía cruzada.
// - **Sensibilidad:** esa red es caótica: mover un solo peso en su última cifra decimal cambia su exactitud final en
//   varios puntos (cuaderno 08). Por eso las cifras del documento no se pueden reproducir dígito a dígito, y por eso
//   una comparación entre dos redes necesita varias semillas o, mejor, una inicialización que no sature (Glorot).
// - **Interpretación de Resultados:** 20 predicciones impresas no bastan para evaluar un modelo (un acierto vale 5
//   puntos); hay que medir la exactitud en todo el conjunto de prueba y mirar la matriz de confusión y los errores.
// - **Estabilidad numérica:** la softmax del documento se desborda con entradas grandes ($e^{1000} = \infty$) y su
//   entropía cruzada binaria calcula $\log 0$; las versiones de NotebookNet restan el máximo y recortan las
//   probabilidades.
// - **La arquitectura importa más que el ajuste fino:** con menos parámetros que la red densa, la CNN comete muchas
//   veces menos errores (la celda de arriba da la proporción de tu ejecución).
//
// ### Futuras Direcciones
//
// - **Mejoras en el Modelo:** arquitecturas convolucionales mayores (la biblioteca incluye `Models.LeNet5`), más
//   épocas, el optimizador Adam, regularización (`Dropout`) y aumento de datos (pequeñas traslaciones y rotaciones).
//   `Models.Reference` ya combina casi todo: LeNet-5 con `Dropout`, traslaciones aleatorias de hasta 3 píxeles, suavizado de etiquetas (cada objetivo
//   cede un 10 % que se reparte entre las diez clases) y Adam
//   con una tasa que sube y luego baja a lo largo del entrenamiento (un ciclo), pensado para el 99.5 % en prueba;
//   `notebooknet train --model reference` lo entrena en unos minutos en dos núcleos e imprime su exactitud
//   (hiperparámetros elegidos sobre una
//   validación separada del conjunto de entrenamiento, nunca sobre la prueba).
// - **Aplicaciones Prácticas:** este proyecto puede extenderse a sistemas de reconocimiento de caracteres en documentos
//   escaneados o aplicaciones de OCR en tiempo real; la CLI del proyecto (`notebooknet train` / `evaluate`) ya guarda y
//   carga modelos entrenados.
//
// En resumen, este proyecto no solo demuestra la aplicación efectiva de técnicas de aprendizaje automático para la
// clasificación de imágenes, sino que también destaca la importancia de la experimentación rigurosa y de la evaluación
// exhaustiva —con todo el conjunto de prueba y con cifras reproducibles— en el desarrollo de modelos de aprendizaje
// automático.

// ── celda 6 ──
// ---
//
// [← 09 · Red convolucional](09-Red-Convolucional.ipynb) | [Índice de la serie](README.md)

NotebookNet.Interactive.NotebookApp.End();
