// 03-Conjunto-MNIST.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/03-Conjunto-MNIST.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Globalization;
using NotebookNet;
using NotebookNet.Data;
using NotebookNet.Interactive;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 03 · El conjunto de datos MNIST
//
// ## Lo que aprenderás
//
// - Qué contiene MNIST: cuántas imágenes, de qué tamaño y cómo están etiquetadas.
// - Cómo cargarlo en C# con `Mnist.Load()`, el equivalente de `mnist.load_data()` de Keras.
// - Qué forma tienen los datos, cómo se ve un dígito por dentro y cómo se reparten las etiquetas.

// ── celda 2 ──
NotebookDisplay.Register();

// ── celda 3 ──
// ## Conjunto de Datos MNIST
//
// El conjunto de datos MNIST es un conjunto estándar de datos de dígitos escritos a mano ampliamente utilizado para
// entrenar y probar modelos de aprendizaje automático en el campo del reconocimiento óptico de caracteres (OCR).
// Consiste en un conjunto de 70 000 imágenes en escala de grises de dígitos escritos a mano, cada una de tamaño 28×28
// píxeles, repartidas en **60 000 imágenes de entrenamiento y 10 000 de prueba**. Estas imágenes están etiquetadas con
// el dígito correspondiente del 0 al 9.
//
// ### Características del Conjunto de Datos:
//
// - **Imágenes:** Cada imagen representa un dígito del 0 al 9, en escala de grises: cada píxel es un byte de 0
//   (fondo) a 255 (trazo).
// - **Tamaño:** Cada imagen tiene dimensiones de 28×28 píxeles, es decir, 784 valores.
// - **Etiquetas:** Cada imagen está etiquetada con el dígito que representa.
//
// El objetivo típico al trabajar con MNIST es entrenar un modelo de aprendizaje automático para reconocer y clasificar
// correctamente los dígitos escritos a mano basándose únicamente en las imágenes de entrada.
//
// ![Ejemplos de MNIST](../img/mnist-examples.png)
//
// *La figura está generada a partir de los propios datos de `data/mnist/` por la biblioteca de visualización del
// proyecto.*

// ── celda 4 ──
// ## Importación del dataset MNIST y las herramientas necesarias para trabajar con él
//
// El documento importa `mnist` y `np_utils` de Keras y llama a `mnist.load_data()`, que descarga el conjunto de
// internet. Aquí los cuatro ficheros de MNIST (en el formato IDX original, comprimidos con gzip) vienen con el
// repositorio, en `data/mnist/`, y `Mnist.Load()` los lee, comprueba su cabecera y devuelve dos pares
// (imágenes, etiquetas), igual que Keras:

// ── celda 5 ──
var ((xTrain, yTrain), (xTest, yTest)) = Mnist.Load();

Console.WriteLine(Invariant($"x_train: {xTrain}   y_train: ({yTrain.Length},)"));
Console.WriteLine(Invariant($"x_test:  {xTest}   y_test:  ({yTest.Length},)"));
Console.WriteLine(Invariant($"Total: {xTrain.Count + xTest.Count} imágenes ") +
    Invariant($"de {xTrain.Height}×{xTrain.Width} píxeles"));

// ── celda 6 ──
// Las formas son las mismas que imprime NumPy: `(60000, 28, 28)` para las imágenes de entrenamiento y `(10000, 28, 28)`
// para las de prueba. Cada imagen es una matriz de bytes; esta es la primera, con su etiqueta:

// ── celda 7 ──
display(Digits.Image(xTrain, 0));

// ── celda 8 ──
// La misma imagen como números: cada píxel (0–255) en una escala de 0 a 9
// (' ' = 0, '9' = 231–255)
var first = xTrain[0].ToArray();
var rows = new System.Text.StringBuilder();
for (int r = 0; r < xTrain.Height; r++)
{
    for (int c = 0; c < xTrain.Width; c++)
    {
        byte p = first[r * xTrain.Width + c];
        rows.Append(p == 0 ? ' ' : (char)('0' + Math.Min(9, p * 10 / 256)));
    }
    rows.AppendLine();
}
Console.WriteLine(rows.ToString());
Console.WriteLine(Invariant($"Etiqueta: {yTrain[0]}"));

// ── celda 9 ──
// Una cuadrícula con las 30 primeras imágenes de entrenamiento y sus etiquetas:

// ── celda 10 ──
display(Digits.Grid(new MnistSet(xTrain, yTrain), Enumerable.Range(0, 30).ToArray()));

// ── celda 11 ──
// ¿Cuántas imágenes hay de cada dígito? Si las clases están equilibradas, la **exactitud** (la proporción de imágenes
// bien clasificadas) es una medida adecuada del rendimiento; si un dígito fuera muy raro, una red que nunca lo
// predijera seguiría teniendo una exactitud alta:

// ── celda 12 ──
var counts = Enumerable.Range(0, 10)
    .Select(d => (Digit: d, Train: yTrain.Count(l => l == d),
                  Test: yTest.Count(l => l == d)))
    .ToArray();
Console.WriteLine("dígito  entrenamiento  prueba");
foreach (var c in counts)
    Console.WriteLine(Invariant($"{c.Digit,6}  {c.Train,13}  {c.Test,6}"));
var (fewest, most) = (counts.MinBy(c => c.Train), counts.MaxBy(c => c.Train));
Console.WriteLine(Invariant($"En entrenamiento, el dígito menos frecuente es el ") +
    Invariant($"{fewest.Digit} ({fewest.Train} imágenes) y el más frecuente ") +
    Invariant($"el {most.Digit} ({most.Train}): ") +
    Invariant($"{(double)most.Train / fewest.Train:F2} veces más."));

// ── celda 13 ──
// Las clases no son idénticas, pero ninguna es rara: la exactitud será la medida de los cuadernos 08 y 09.
//
// ## Prueba esto
//
// 1. **Otra imagen.** En la celda de `Digits.Image(xTrain, 0)`, muestra la imagen 7 del conjunto de **prueba**.
//    ¿Qué dígito ves? Comprueba tu respuesta con su etiqueta.
//
//    <details>
//    <summary>Solución</summary>
//
//    `Digits.Image(xTest, 7)` muestra un 9, y `yTest[7]` vale 9. Es la octava prueba del documento
//    (`pred: 6 	true: 9`), una de las que su red falla.
//
//    </details>
//
// 2. **¿Cuánta tinta?** Cuenta cuántos de los 784 píxeles de la primera imagen de entrenamiento no son fondo (valen
//    más de 0). ¿Qué parte de la imagen es trazo?
//
//    <details>
//    <summary>Solución</summary>
//
//    ```csharp
//    int ink = xTrain[0].ToArray().Count(p => p > 0);
//    Invariant($"{ink} de {xTrain.Height * xTrain.Width} píxeles ({(double)ink / 784:P2})")
//    ```
//
//    Son 166 píxeles, poco más de una quinta parte: casi toda la imagen es fondo negro. Por eso una red puede
//    aprender pronto a ignorar los bordes, donde casi nunca hay trazo.
//
//    </details>
//
// 3. **Las pruebas del documento.** El documento prueba su red con las 20 primeras imágenes del conjunto de prueba.
//    Dibújalas en una cuadrícula, como la de las 30 de entrenamiento. ¿Qué dígitos son?
//
//    <details>
//    <summary>Solución</summary>
//
//    ```csharp
//    Digits.Grid(new MnistSet(xTest, yTest), Enumerable.Range(0, 20).ToArray())
//    ```
//
//    Empiezan por 7, 2, 1, 0, 4, 1, 4, 9, 5, 9: las etiquetas `true:` que imprime el documento al final, en el mismo
//    orden. En el cuaderno 08 verás qué predice para ellas la red del documento.
//
//    </details>

// ── celda 14 ──
// ---
//
// [← 02 · Bibliotecas utilizadas](02-Bibliotecas.ipynb) | [Índice de la serie](README.md) | [04 · Capas Layer y Dense →](04-Layer-y-Dense.ipynb)

NotebookNet.Interactive.NotebookApp.End();
