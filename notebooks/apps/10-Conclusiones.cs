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
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 10 · Conclusiones
//
// ## Lo que aprenderás
//
// - Qué se ha conseguido en la serie, con las cifras que obtienen de verdad los cuadernos 08 y 09.
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
// A continuación se presentan las principales conclusiones y hallazgos obtenidos:
//
// | Modelo | Datos de entrenamiento | Entrenamiento | Precisión en las 10 000 imágenes de prueba |
// | --- | --- | --- | --- |
// | Red densa del documento, `784 → 40 → 10` con `Tanh` y MSE (cuaderno 08) | 1000 imágenes | 100 épocas, SGD muestra a muestra, η = 0.1 | ≈ 58 % con la semilla 2 (entre el 40 % y el 60 % según la semilla) |
// | `Models.SmallCnn` con entropía cruzada (cuaderno 09) | 60 000 imágenes | 1 época, minilotes de 64, SGD con momento | ≈ 98 % (al menos el 97 %) |
//
// Las cifras exactas de tu ejecución están en la sección «Resultados comprobables» al final de los cuadernos 08 y 09;
// las pruebas automáticas del proyecto ejecutan la serie completa y comprueban esos rangos.
//
// ### Logros
//
// - **Implementación de la red del documento, y de la CNN que promete:** el documento dice haber implementado «una CNN
//   utilizando la biblioteca Keras sobre TensorFlow», pero su red es densa y está escrita a mano con NumPy (Keras solo
//   carga los datos). Aquí la red densa está escrita a mano en C# sobre MathNet.Numerics, con su código fuente a la
//   vista en los cuadernos, y la CNN de verdad (convolución, *pooling*, ReLU, softmax con entropía cruzada) alcanza
//   alrededor del 98 % de precisión tras una sola época.
// - **Preprocesamiento eficaz de datos:** la normalización de los píxeles y la codificación *one-hot* de las etiquetas
//   son imprescindibles; `ToCategorical` fija además el número de clases, lo que evita el fallo de `to_categorical`
//   con subconjuntos.
// - **Aprendizaje automático de representaciones:** los mapas de características del cuaderno 09 muestran cómo los
//   núcleos de la primera capa pasan de ruido a detectores de bordes tras el entrenamiento.
// - **Resultados reproducibles:** con la semilla fijada, la red del documento da exactamente las mismas cifras en cada
//   ejecución (el generador es el mismo algoritmo que `np.random`). La CNN también, en la misma máquina: reparte cada
//   lote entre los núcleos del procesador siempre igual, así que con otro número de núcleos las sumas de gradientes se
//   hacen en otro orden y su precisión puede variar en la segunda cifra decimal.
//
// ### Desafíos y Lecciones Aprendidas
//
// - **Ajuste de Hiperparámetros:** la tasa de aprendizaje y el número de épocas importan, pero la red densa del
//   documento está limitada sobre todo por otras decisiones: solo 1000 imágenes de entrenamiento, pesos iniciales
//   $N(0, 1)$ que saturan `Tanh`, y MSE sobre `Tanh` en lugar de softmax con entropía cruzada.
// - **Interpretación de Resultados:** 20 predicciones impresas no bastan para evaluar un modelo (un acierto vale 5
//   puntos); hay que medir la precisión en todo el conjunto de prueba y mirar la matriz de confusión y los errores.
// - **Estabilidad numérica:** la softmax del documento se desborda con entradas grandes ($e^{1000} = \infty$) y su
//   entropía cruzada binaria calcula $\log 0$; las versiones de NotebookNet restan el máximo y recortan las
//   probabilidades.
// - **La arquitectura importa más que el ajuste fino:** con menos parámetros que la red densa (5 258 frente a 31 810),
//   la CNN comete más de veinte veces menos errores (alrededor del 2 % frente a más del 40 %).
//
// ### Futuras Direcciones
//
// - **Mejoras en el Modelo:** arquitecturas convolucionales mayores (la biblioteca incluye `Models.LeNet5`), más
//   épocas, el optimizador Adam, regularización (`Dropout`) y aumento de datos (pequeñas traslaciones y rotaciones).
//   `Models.Reference` ya combina casi todo: LeNet-5 con `Dropout`, traslaciones aleatorias de hasta 2 píxeles y Adam
//   con una tasa que decae en cada época. Con `notebooknet train --model reference` llega al 99.4 % en las 10 000
//   imágenes de prueba tras unos 4 minutos de entrenamiento en dos núcleos (hiperparámetros elegidos sobre una
//   validación separada del conjunto de entrenamiento, nunca sobre la prueba).
// - **Aplicaciones Prácticas:** este proyecto puede extenderse a sistemas de reconocimiento de caracteres en documentos
//   escaneados o aplicaciones de OCR en tiempo real; la CLI del proyecto (`notebooknet train` / `evaluate`) ya guarda y
//   carga modelos entrenados.
//
// En resumen, este proyecto no solo demuestra la aplicación efectiva de técnicas de aprendizaje automático para la
// clasificación de imágenes, sino que también destaca la importancia de la experimentación rigurosa y de la evaluación
// exhaustiva —con todo el conjunto de prueba y con cifras reproducibles— en el desarrollo de modelos de aprendizaje
// automático.

// ── celda 4 ──
// ---
//
// [← 09 · Red convolucional](09-Red-Convolucional.ipynb) | [Índice de la serie](README.md)

NotebookNet.Interactive.NotebookApp.End();
