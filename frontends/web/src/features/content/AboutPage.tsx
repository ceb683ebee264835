import { Link } from "react-router";

import { ProsePage } from "./Prose";

export default function AboutPage() {
  return (
    <ProsePage title="Nosotros" lead="Somos una panadería familiar de Sabaneta, Antioquia, que hornea palitos de queso y antojos tradicionales desde hace más de quince años.">
      <section>
        <h2>De la cocina de la abuela al barrio</h2>
        <p>
          Don Palito Jr nació en la cocina de la casa, cuando Don Gildardo horneaba palitos de queso para las novenas de
          diciembre y los vecinos empezaron a encargarlos para todo el año. Hoy su hijo sigue la misma receta: masa
          hojaldrada hecha a mano, queso costeño y campesino de productores antioqueños y el bocadillo veleño que le da
          el toque dulce.
        </p>
      </section>
      <section>
        <h2>Cómo trabajamos</h2>
        <ul>
          <li>Amasamos de madrugada y horneamos en tandas pequeñas durante todo el día.</li>
          <li>No usamos conservantes: lo que no se vende en el día se dona a la fundación del barrio.</li>
          <li>Compramos el queso, la leche y los huevos a familias campesinas del suroeste antioqueño.</li>
          <li>Empacamos en cajas de cartón reciclable para que todo llegue crujiente.</li>
        </ul>
      </section>
      <section>
        <h2>Para tus reuniones</h2>
        <p>
          Preparamos palitos cocteleros, bandejas de natilla y buñuelos para cumpleaños, reuniones de oficina y
          celebraciones. Para pedidos de más de 100 unidades escríbenos con dos días de anticipación desde la página de{" "}
          <Link to="/contacto">contacto</Link>.
        </p>
      </section>
    </ProsePage>
  );
}
