// 01-Introduccion.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/01-Introduccion.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Runtime.InteropServices;
using NotebookNet;
using NotebookNet.Interactive;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 01 · Implementación de una red neuronal con C# para clasificación de imágenes: MNIST 🖼️🧠
//
// *Versión en C# (.NET 10, cuadernos Polyglot / .NET Interactive) del tutorial «Implementación de una red neuronal
// convolucional con NumPy para clasificación de imágenes: MNIST».*
//
// ## Lo que aprenderás
//
// - Qué problema resuelve la serie: reconocer dígitos escritos a mano del conjunto MNIST.
// - Los pasos del proyecto (preprocesamiento, arquitectura, entrenamiento y evaluación) y en qué cuaderno está cada uno.
// - Una corrección importante al documento original: la red que construye **no es convolucional**, sino densa;
//   la red convolucional que promete la construimos en el cuaderno 09.

// ── celda 2 ──
NotebookDisplay.Register();

// ── celda 3 ──
// ## Introducción
//
// En este documento se detalla el proceso completo para construir, entrenar y evaluar una red neuronal que clasifica
// imágenes del conjunto de datos MNIST. Este conjunto de datos es ampliamente reconocido en el campo del aprendizaje
// automático y la visión por computadora, ya que consiste en 70 000 imágenes de dígitos escritos a mano del 0 al 9
// (60 000 de entrenamiento y 10 000 de prueba), cada una etiquetada con su correspondiente número. 🔢
//
// > **Corrección al documento original.** El tutorial original se titula «red neuronal convolucional (CNN)», pero el
// > modelo que define y entrena es una red **densa** (totalmente conectada): `Dense(784, 40) → Tanh → Dense(40, 10) → Tanh`.
// > No tiene ninguna capa convolucional ni de *pooling*. En esta serie reproducimos primero esa red densa, tal como la
// > presenta el documento (cuadernos 04 a 08), y después construimos la CNN que el documento promete (cuaderno 09),
// > para poder comparar ambas con cifras reales.
//
// Todo el código está en C#: el álgebra lineal la aporta **MathNet.Numerics** (el papel de NumPy), los cuadernos se
// ejecutan con **.NET Interactive** y las gráficas se dibujan con **XPlot.Plotly**. Las clases del documento (`Layer`,
// `Dense`, `Tanh`, …) se escriben en los propios cuadernos, en C#, para que puedas leerlas, cambiarlas y volver a
// ejecutarlas; la biblioteca compañera **NotebookNet** tiene una versión rápida de cada una, y cada cuaderno comprueba
// que las dos calculan lo mismo.
//
// ### Objetivo
//
// El objetivo principal es desarrollar un modelo que pueda aprender automáticamente a reconocer y clasificar
// correctamente los dígitos representados en las imágenes de MNIST. Este proceso implica:
//
// *   **Preprocesamiento de Datos:** Las imágenes se normalizan (píxeles de 0–255 a 0–1), se aplanan en vectores columna
//     de 784 valores y las etiquetas se codifican en vectores *one-hot* de 10 valores. 📊 → cuadernos 03 y 07.
// *   **Definición de la Arquitectura de la Red Neuronal:** Se establece la estructura de la red. La del documento tiene
//     solo capas completamente conectadas y activaciones; la red convolucional, con capas convolucionales, de *pooling*
//     y completamente conectadas, llega en el cuaderno 09. 🏗️ → cuadernos 04, 05, 08 y 09.
// *   **Entrenamiento del Modelo:** Se ajustan los pesos de la red con el algoritmo de retropropagación
//     (*backpropagation*) para minimizar una función de pérdida. El documento usa descenso de gradiente estocástico
//     simple, muestra a muestra; la CNN usa minilotes y SGD con momento. ⚙️ → cuadernos 06, 07, 08 y 09.
// *   **Evaluación del Rendimiento:** Se evalúa la exactitud del modelo (la proporción de aciertos) con un conjunto de
//     prueba separado. El documento mira solo 20 imágenes; aquí medimos además la exactitud sobre las 10 000 imágenes
//     de prueba. ✅ → cuadernos 08 y 09.
//
// Este proyecto no solo muestra cómo implementar una red neuronal para reconocer dígitos, sino que también ofrece una
// visión general de los pasos necesarios para construir y entrenar modelos de aprendizaje automático en problemas de
// clasificación de imágenes. 📈
//
// ### Mapa de la serie
//
// | Cuaderno | Sección del documento |
// | --- | --- |
// | [02 · Bibliotecas utilizadas](02-Bibliotecas.ipynb) | Bibliotecas Utilizadas (NumPy, TensorFlow, Keras → MathNet.Numerics, .NET Interactive, XPlot.Plotly, NotebookNet) |
// | [03 · El conjunto de datos MNIST](03-Conjunto-MNIST.ipynb) | Conjunto de Datos MNIST, importación del dataset |
// | [04 · Capas Layer y Dense](04-Layer-y-Dense.ipynb) | Capas Layer and Dense |
// | [05 · Activaciones](05-Activaciones.ipynb) | Clases `Activation`, `Tanh`, `Sigmoid`, `Softmax` |
// | [06 · Funciones de pérdida](06-Perdidas.ipynb) | Funciones de Pérdida y Derivadas |
// | [07 · Predicción y entrenamiento](07-Prediccion-y-Entrenamiento.ipynb) | `predict`, `train`, `preprocess_data` |
// | [08 · Experimento con MNIST](08-Experimento-MNIST.ipynb) | Carga, arquitectura, entrenamiento y prueba de la red |
// | [09 · Red convolucional](09-Red-Convolucional.ipynb) | La CNN que el documento anuncia |
// | [10 · Conclusiones](10-Conclusiones.ipynb) | Conclusiones, con las cifras obtenidas |
//
// A lo largo de la serie se explican cada uno de estos pasos, junto con las decisiones de diseño y los resultados
// obtenidos. 📚✨ La primera celda de código de cada cuaderno carga las bibliotecas; la siguiente muestra el entorno
// en el que se está ejecutando este cuaderno.

// ── celda 4 ──
display(Invariant($"{RuntimeInformation.FrameworkDescription} ") +
    Invariant($"en {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} núcleos"));

// ── celda 5 ──
// ---
//
// [Índice de la serie](README.md) | [02 · Bibliotecas utilizadas →](02-Bibliotecas.ipynb)

NotebookNet.Interactive.NotebookApp.End();
