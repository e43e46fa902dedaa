// 05-Activaciones.ipynb como programa de .NET 10, sin ninguna herramienta de cuadernos:
//     dotnet run notebooks/apps/05-Activaciones.cs
// El texto sale en la consola; los gráficos y las imágenes, en una página HTML sin conexión cuya ruta se imprime al final.
// Generado a partir del cuaderno por `notebooknet twins`: no lo edites a mano (edita el cuaderno y regenera).
#:project ../../src/NotebookNet.Interactive/NotebookNet.Interactive.csproj
#:package MathNet.Numerics
#:package XPlot.Plotly
#:property PublishAot=false

using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using XPlot.Plotly;
using NotebookNet;
using NotebookNet.Interactive;
using Fast = NotebookNet.Layers;
using static System.FormattableString;
using static NotebookNet.Interactive.NotebookApp;

NotebookNet.Interactive.NotebookApp.Begin();

// ── celda 1 ──
// # 05 · Activaciones
//
// ## Lo que aprenderás
//
// - A escribir en C# la capa `Activation` del documento, que aplica una función elemento a elemento y retropropaga su
//   derivada, y sus hijas `Tanh` y `Sigmoid`, dibujadas con XPlot.Plotly.
// - La `Softmax` del documento, por qué se desborda con entradas grandes y cómo se corrige.
// - A comprobar cada clase contra la biblioteca NotebookNet y contra la matriz jacobiana de la softmax.

// ── celda 2 ──
// La mayor diferencia, elemento a elemento, entre dos matrices de la misma forma.
double MaxDiff(Matrix<double> a, Matrix<double> b) => (a - b).Enumerate().Max(Math.Abs);

// Una lista de números con seis cifras significativas y punto decimal: [0.5, -1, 2].
string Format(IEnumerable<double> values) => "[" + string.Join(", ",
    values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture))) + "]";

// Un vector columna (una muestra) con los valores dados.
Matrix<double> Column(params double[] values) =>
    Matrix<double>.Build.DenseOfColumnArrays(values);

// Dibuja varias funciones y = f(x) en una misma gráfica de XPlot.Plotly.
PlotlyChart PlotFunctions(string title, double[] xs,
                          params (string Name, double[] Values)[] series)
{
    var chart = Chart.Plot(series.Select(
        s => new Scatter { x = xs, y = s.Values, name = s.Name, mode = "lines" }));
    chart.WithTitle(title);
    chart.WithXTitle("x");
    chart.WithYTitle("y");
    return chart;
}

NotebookDisplay.Register();

// ── celda 3 ──
// Cada cuaderno se ejecuta en su propio núcleo, así que primero repetimos la clase base `Layer` del cuaderno 04, tal
// cual:

// ── celda 4 ──

// ── celda 5 ──
// ## Clase `Activation`
//
// Una activación es una capa sin pesos: recibe dos funciones de un número, la activación $f$ y su derivada $f'$, y
// las aplica a cada elemento. `Func<double, double>` es el tipo de C# para «una función que recibe un `double` y
// devuelve un `double`»; `Map` aplica una función a cada elemento de una matriz y `PointwiseMultiply` es el
// `np.multiply` de NumPy (producto elemento a elemento):

// ── celda 6 ──

// ── celda 7 ──
// ### Descripción
//
// La clase `Activation` representa una capa de activación en una red neuronal. Utiliza una función de activación
// dada y su derivada para aplicar transformaciones no lineales a la entrada durante el pase hacia adelante y hacia
// atrás. Sin estas no linealidades, dos capas densas seguidas equivaldrían a una sola capa densa.
//
// ### Métodos
//
// - **`Forward(input)`**: realiza el pase hacia adelante aplicando la función de activación a la entrada y guarda la
//   entrada para su uso posterior en la retropropagación.
// - **`Backward(outputGradient, learningRate)`**: realiza el pase hacia atrás multiplicando el gradiente de salida
//   por la derivada de la función de activación evaluada en la entrada guardada. La tasa de aprendizaje no se usa:
//   una activación no tiene parámetros que aprender. Es la regla de la cadena, elemento a elemento:
//
// $$
// \frac{\partial L}{\partial X} = \frac{\partial L}{\partial Y} \odot f'(X)
// $$
//
// Como `Activation` acepta cualquier función, podemos probarla con una que no está en el documento, el seno (cuya
// derivada es el coseno), frente a la misma capa de la biblioteca, `Fast.Activation<double>`:

// ── celda 8 ──
var x = Column(-2.0, -0.5, 0.0, 0.7, 3.0);
var g = Column(0.3, -1.0, 0.5, 2.0, -0.2);

// Tu capa y la de la biblioteca, con la misma entrada x y el mismo gradiente g.
void Compare(Layer mine, Fast.Layer<double> fast)
{
    double forward = MaxDiff(mine.Forward(x), fast.Forward(x));
    double backward = MaxDiff(mine.Backward(g, 0.1), fast.Backward(g, 0.1));
    Console.WriteLine(Invariant($"Diferencia máxima con la biblioteca: ") +
        Invariant($"salida {forward:g2}, gradiente de la entrada {backward:g2}"));
}

var sine = new Activation(Math.Sin, Math.Cos);
Console.WriteLine("x          = " + Format(x.Column(0)));
Console.WriteLine("Forward(x) = " + Format(sine.Forward(x).Column(0)));
Compare(sine, new Fast.Activation<double>(Math.Sin, Math.Cos));

// ── celda 9 ──
// Para dibujar una activación y su derivada basta con la propia capa: `Forward` sobre una columna de valores de $x$
// da $f(x)$, y `Backward` con un gradiente de unos da $f'(x)$ (porque $1 \cdot f'(x) = f'(x)$):

// ── celda 10 ──
var xs = Enumerable.Range(0, 201).Select(i => -5 + i * 0.05).ToArray();
var column = Matrix<double>.Build.Dense(xs.Length, 1, xs);
var ones = Matrix<double>.Build.Dense(xs.Length, 1, 1.0);

// f(x) y f'(x) calculadas por la propia capa
(double[] F, double[] Prime) Evaluate(Layer activation)
{
    var f = activation.Forward(column).Column(0).ToArray();
    var prime = activation.Backward(ones, learningRate: 0).Column(0).ToArray();
    return (f, prime);
}

// ── celda 11 ──
// * * *
//
// ## Clase `Tanh`
//
// La tangente hiperbólica y su derivada, como en el documento: `Tanh` solo le pasa a `Activation` las dos funciones
// (`x => …` es una función anónima, la `lambda` de Python):

// ── celda 12 ──

// ── celda 13 ──
// ### Descripción
//
// La clase `Tanh` implementa la función de activación tangente hiperbólica y su derivada. Hereda de `Activation`,
// especificando la función `tanh` y su derivada como los métodos de activación y su derivada respectivamente:
//
// $$
// \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}, \qquad \tanh'(x) = 1 - \tanh^2(x)
// $$
//
// Su salida está en $(-1, 1)$ y está centrada en cero. Fuera de $|x| \gtrsim 3$ la derivada es casi nula: la neurona
// está **saturada** y apenas aprende (por eso importa la escala de los pesos iniciales).
//
// ### Métodos
//
// No se agregan métodos adicionales más allá de los heredados de `Activation`.

// ── celda 14 ──
Compare(new Tanh(), new Fast.Tanh<double>());

var tanhCurves = Evaluate(new Tanh());
display(PlotFunctions("Tanh y su derivada", xs,
    ("tanh(x)", tanhCurves.F), ("1 − tanh²(x)", tanhCurves.Prime)));

// ── celda 15 ──
// * * *
//
// ## Clase `Sigmoid`
//
// La sigmoide (o función logística) y su derivada. El documento define dentro del constructor las funciones
// `sigmoid` y `sigmoid_prime`; en C# son dos métodos estáticos de la clase (`static`: no dependen de ningún objeto):

// ── celda 16 ──

// ── celda 17 ──
// ### Descripción
//
// La clase `Sigmoid` implementa la función de activación sigmoide y su derivada. Al igual que `Tanh`, hereda de
// `Activation`, especificando la función `sigmoid` y su derivada `sigmoid_prime`:
//
// $$
// \sigma(x) = \frac{1}{1 + e^{-x}}, \qquad \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)
// $$
//
// Su salida está en $(0, 1)$, por lo que se interpreta como una probabilidad; su derivada no pasa de $0.25$.
//
// ### Métodos
//
// No se agregan métodos adicionales más allá de los heredados de `Activation`.

// ── celda 18 ──
Compare(new Sigmoid(), new Fast.Sigmoid<double>());

var sigmoidCurves = Evaluate(new Sigmoid());
display(PlotFunctions("Sigmoid y su derivada", xs,
    ("σ(x)", sigmoidCurves.F), ("σ(x)(1 − σ(x))", sigmoidCurves.Prime)));

// ── celda 19 ──
// * * *
//
// ## Clase `Softmax`
//
// La softmax convierte un vector de puntuaciones en probabilidades positivas que suman 1. Tal como la escribe el
// documento: `np.exp(input)` es `PointwiseExp()`, y `np.sum(tmp)` suma todos los elementos:

// ── celda 20 ──

// ── celda 21 ──
// ### Descripción
//
// La clase `Softmax` implementa la función de activación softmax, comúnmente utilizada en la capa de salida de una
// red neuronal para problemas de clasificación multiclase. Calcula las probabilidades normalizadas de las clases y
// sus gradientes durante el pase hacia adelante y hacia atrás, respectivamente:
//
// $$
// \operatorname{softmax}(x)_i = s_i = \frac{e^{x_i}}{\sum_j e^{x_j}}
// \qquad\qquad
// \frac{\partial s_i}{\partial x_j} = s_i\,(\delta_{ij} - s_j)
// $$
//
// donde $\delta_{ij}$ vale 1 si $i = j$ y 0 si no. Esa matriz de derivadas es la **jacobiana** $J$; el pase hacia
// atrás devuelve $J \cdot g$.
//
// ### Métodos
//
// - **`Forward(input)`**: realiza el pase hacia adelante aplicando la función softmax a la entrada. Calcula
//   exponenciales de la entrada, normaliza para obtener probabilidades y guarda el resultado en `Output`.
// - **`Backward(outputGradient, learningRate)`**: realiza el pase hacia atrás multiplicando `outputGradient` por la
//   jacobiana, que construye a partir de la salida guardada.
//
// La biblioteca calcula lo mismo de otra forma: $J \cdot g = s \odot (g - s^T g)$, sin construir la matriz de
// $n \times n$ (con 10 clases apenas importa; con miles, sí). Comparamos las dos en un vector de puntuaciones
// moderadas:

// ── celda 22 ──
var scores = Column(0.5, -1.0, 2.0, 0.0);
var gradient = Column(0.3, -0.1, 0.5, 0.2);
var softmax = new Softmax();
var fastSoftmax = new Fast.Softmax<double>();

Console.WriteLine("Forward(x)  = " + Format(softmax.Forward(scores).Column(0)));
Console.WriteLine("Backward(g) = " + Format(softmax.Backward(gradient, 0.1).Column(0)));
double forward = MaxDiff(softmax.Forward(scores), fastSoftmax.Forward(scores));
double backward = MaxDiff(softmax.Backward(gradient, 0.1),
                          fastSoftmax.Backward(gradient, 0.1));
Console.WriteLine(Invariant($"Diferencia máxima con la biblioteca: ") +
    Invariant($"salida {forward:g2}, gradiente de la entrada {backward:g2}"));

// ── celda 23 ──
// **Corrección al documento.** Con puntuaciones grandes, $e^{x}$ se desborda: en `double`, $e^{710}$ ya es infinito,
// y ya no hay probabilidades que calcular. Restar el máximo $m = \max_j x_j$ no cambia el resultado (el
// factor $e^{-m}$ se cancela arriba y abajo) y deja el mayor exponente en $e^{0} = 1$, así que no hay desbordamiento:
//
// $$
// \frac{e^{x_i}}{\sum_j e^{x_j}} = \frac{e^{x_i - m}}{\sum_j e^{x_j - m}}
// $$
//
// La softmax de la biblioteca resta el máximo; la del documento (la tuya), no. Con las puntuaciones
// $[1000, 1001, 1002]$:

// ── celda 24 ──
var large = Column(1000, 1001, 1002);
var mine = new Softmax().Forward(large);
var stable = new Fast.Softmax<double>().Forward(large);
var small = new Softmax().Forward(Column(0, 1, 2));
Console.WriteLine("exp([1000, 1001, 1002]) = " + Format(large.PointwiseExp().Column(0)));
Console.WriteLine("tu Softmax              = " + Format(mine.Column(0)));
Console.WriteLine("la de la biblioteca     = " + Format(stable.Column(0)));
Console.WriteLine("tu Softmax de [0, 1, 2] = " + Format(small.Column(0)));
Console.WriteLine(Invariant($"Suma de tus probabilidades: {mine.Enumerate().Sum()}"));

// ── celda 25 ──
// Las exponenciales son infinitas (`Infinity`), su suma también, y al dividir entre infinito MathNet da ceros (NumPy da
// `NaN`): tu softmax pierde toda la información y sus «probabilidades» ya no suman 1. La estable da las mismas
// probabilidades que para $[0, 1, 2]$, porque softmax no cambia al sumar una constante a todas las entradas. Además, la softmax del documento suma sobre *todo* el arreglo
// (`np.sum(tmp)`); la de la biblioteca normaliza cada columna por separado, para procesar lotes.
//
// * * *
//
// ### Otra activación: `ReLU`
//
// El documento no la usa, pero la red convolucional del cuaderno 09 sí: $\operatorname{ReLU}(x) = \max(0, x)$, con
// derivada 1 para $x > 0$ y 0 en otro caso. No se satura para valores positivos y es muy barata de calcular. Con
// `Activation` es una línea:

// ── celda 26 ──

// ── celda 27 ──
Compare(new ReLU(), new Fast.ReLU<double>());

var reluCurves = Evaluate(new ReLU());
display(PlotFunctions("ReLU y su derivada", xs,
    ("max(0, x)", reluCurves.F), ("derivada", reluCurves.Prime)));

// ── celda 28 ──
// ## Prueba esto
//
// 1. **Arregla la softmax.** Cambia la primera línea de `Forward` en la celda de `Softmax` para que reste el máximo
//    antes de la exponencial, ejecútala y vuelve a ejecutar la celda de $[1000, 1001, 1002]$. ¿Qué ves?
//
//    <details>
//    <summary>Solución</summary>
//
//    ```csharp
//    var tmp = (input - input.Enumerate().Max()).PointwiseExp();
//    ```
//
//    Tu softmax da ahora las mismas probabilidades que la de la biblioteca y que para $[0, 1, 2]$, sin ceros, y la
//    comparación con la biblioteca sigue dando diferencias del orden del redondeo.
//
//    </details>
//
// 2. **Una derivada equivocada.** En la celda de `Tanh`, cambia la derivada por `x => 1 - Math.Tanh(x)` (se ha
//    olvidado el cuadrado), ejecútala y ejecuta la celda que compara `Tanh` con la biblioteca. ¿Qué diferencia cambia?
//
//    <details>
//    <summary>Solución</summary>
//
//    La salida sigue coincidiendo (la función no ha cambiado), pero la diferencia en el gradiente de la entrada deja
//    de ser cero y pasa a ser de décimas, y en la gráfica la curva de la «derivada» ya no es simétrica: tiende a 2
//    para $x$ negativos, donde la pendiente de $\tanh$ es casi nula. La comparación con la biblioteca detecta el
//    error aunque el pase hacia adelante esté bien. Devuelve el cuadrado a su sitio.
//
//    </details>
//
// 3. **Tu propia activación.** Escribe una `LeakyReLU`, $\max(0.01\,x, x)$, como `ReLU`, y dibújala con
//    `Evaluate(new LeakyReLU())` y `PlotFunctions`. ¿Qué vale su derivada para $x < 0$?
//
//    <details>
//    <summary>Solución</summary>
//
//    ```csharp
//    public class LeakyReLU : Activation
//    {
//        public LeakyReLU() : base(x => Math.Max(0.01 * x, x), x => x > 0 ? 1 : 0.01) { }
//    }
//    var leaky = Evaluate(new LeakyReLU());
//    PlotFunctions("LeakyReLU", xs, ("f(x)", leaky.F), ("f'(x)", leaky.Prime))
//    ```
//
//    Para $x < 0$ la derivada vale 0.01 en lugar de 0: la neurona nunca deja del todo de aprender.
//
//    </details>

// ── celda 29 ──
// ---
//
// [← 04 · Capas Layer y Dense](04-Layer-y-Dense.ipynb) | [Índice de la serie](README.md) | [06 · Funciones de pérdida →](06-Perdidas.ipynb)

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
// Sigmoide: σ(x) = 1 / (1 + e^(−x)), con derivada σ(x) · (1 − σ(x)).
public class Sigmoid : Activation
{
    static double Function(double x) => 1 / (1 + Math.Exp(-x));

    static double Prime(double x)
    {
        double s = Function(x);
        return s * (1 - s);
    }

    public Sigmoid() : base(Function, Prime) { }
}
// Softmax: exp(x) / Σ exp(x). Hacia atrás multiplica por su matriz jacobiana.
public class Softmax : Layer
{
    public override Matrix<double> Forward(Matrix<double> input)
    {
        var tmp = input.PointwiseExp();
        Output = tmp / tmp.Enumerate().Sum();
        return Output;
    }

    public override Matrix<double> Backward(Matrix<double> outputGradient,
                                            double learningRate)
    {
        int n = Output.RowCount;
        // (np.identity(n) − output.T) * output: el elemento (i, j) es (δᵢⱼ − sⱼ) · sᵢ
        var jacobian = Matrix<double>.Build.Dense(n, n,
            (i, j) => ((i == j ? 1 : 0) - Output[j, 0]) * Output[i, 0]);
        return jacobian * outputGradient;
    }
}
// ReLU: max(0, x), con derivada 1 si x > 0 y 0 si no.
public class ReLU : Activation
{
    public ReLU() : base(x => Math.Max(0, x), x => x > 0 ? 1 : 0) { }
}
